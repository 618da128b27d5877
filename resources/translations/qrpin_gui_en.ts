<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>FilterBar</name>
    <message numerus="yes">
        <source>Expiring within %n day(s)</source>
        <translation><numerusform>Expiring within %n day</numerusform><numerusform>Expiring within %n days</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n people</source>
        <translation><numerusform>%n person</numerusform><numerusform>%n people</numerusform></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>Saved %n people to %1</source>
        <translation><numerusform>Saved %n person to %1</numerusform><numerusform>Saved %n people to %1</numerusform></translation>
    </message>
</context>
<context>
    <name>RosterController</name>
    <message numerus="yes">
        <source>QR status could not be checked for %n people.</source>
        <translation><numerusform>QR status could not be checked for %n person.</numerusform><numerusform>QR status could not be checked for %n people.</numerusform></translation>
    </message>
</context>
<context>
    <name>RosterPresenter</name>
    <message numerus="yes">
        <source>Expires in %n day(s)</source>
        <translation><numerusform>Expires in %n day</numerusform><numerusform>Expires in %n days</numerusform></translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message numerus="yes">
        <source>Updated %n min ago</source>
        <translation><numerusform>Updated %n min ago</numerusform><numerusform>Updated %n min ago</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Updated %n h ago</source>
        <translation><numerusform>Updated %n h ago</numerusform><numerusform>Updated %n h ago</numerusform></translation>
    </message>
</context>
</TS>