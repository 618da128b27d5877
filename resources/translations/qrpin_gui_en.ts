<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>BulkDialog</name>
    <message numerus="yes">
        <source>The %n people selected in the roster</source>
        <translation>
            <numerusform>The %n person selected in the roster</numerusform>
            <numerusform>The %n people selected in the roster</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Run %n action(s)</source>
        <translation>
            <numerusform>Run %n action</numerusform>
            <numerusform>Run %n actions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n answer(s) were lost after sending: re-reading those people to see what happened (nothing is sent again)…</source>
        <translation>
            <numerusform>%n answer was lost after sending: re-reading that person to see what happened (nothing is sent again)…</numerusform>
            <numerusform>%n answers were lost after sending: re-reading those people to see what happened (nothing is sent again)…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n done</source>
        <translation>
            <numerusform>%n done</numerusform>
            <numerusform>%n done</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not sent</source>
        <translation>
            <numerusform>%n not sent</numerusform>
            <numerusform>%n not sent</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped</source>
        <translation>
            <numerusform>%n skipped</numerusform>
            <numerusform>%n skipped</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unknown (check their status)</source>
        <translation>
            <numerusform>%n unknown (check their status)</numerusform>
            <numerusform>%n unknown (check their status)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n done but the PIN/badge was lost</source>
        <translation>
            <numerusform>%n done but the PIN/badge was lost</numerusform>
            <numerusform>%n done but the PIN/badge was lost</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not done after a lost answer</source>
        <translation>
            <numerusform>%n not done after a lost answer</numerusform>
            <numerusform>%n not done after a lost answer</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExpiryRadar</name>
    <message numerus="yes">
        <source>Extend %n badge(s)…</source>
        <translation>
            <numerusform>Extend %n badge…</numerusform>
            <numerusform>Extend %n badges…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message numerus="yes">
        <source>Expiring within %n day(s)</source>
        <translation>
            <numerusform>Expiring within %n day</numerusform>
            <numerusform>Expiring within %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n people</source>
        <translation>
            <numerusform>%n person</numerusform>
            <numerusform>%n people</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>Saved %n people to %1</source>
        <translation>
            <numerusform>Saved %n person to %1</numerusform>
            <numerusform>Saved %n people to %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PendingBadges</name>
    <message numerus="yes">
        <source>%n badges or PINs were issued but never printed or saved.</source>
        <translation>
            <numerusform>%n badge or PIN was issued but never printed or saved.</numerusform>
            <numerusform>%n badges or PINs were issued but never printed or saved.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RadarModel</name>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n hour</numerusform>
            <numerusform>%n hours</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RosterController</name>
    <message numerus="yes">
        <source>QR status could not be checked for %n people.</source>
        <translation>
            <numerusform>QR status could not be checked for %n person.</numerusform>
            <numerusform>QR status could not be checked for %n people.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RosterPresenter</name>
    <message numerus="yes">
        <source>Expires in %n day(s)</source>
        <translation>
            <numerusform>Expires in %n day</numerusform>
            <numerusform>Expires in %n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message numerus="yes">
        <source>Updated %n h ago</source>
        <translation>
            <numerusform>Updated %n h ago</numerusform>
            <numerusform>Updated %n h ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Updated %n min ago</source>
        <translation>
            <numerusform>Updated %n min ago</numerusform>
            <numerusform>Updated %n min ago</numerusform>
        </translation>
    </message>
</context>
</TS>
