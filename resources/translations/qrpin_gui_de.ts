<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About QR PIN Manager</source>
        <translation>Über QR PIN Manager</translation>
    </message>
    <message>
        <source>QR PIN Manager %1</source>
        <translation>QR PIN Manager %1</translation>
    </message>
    <message>
        <source>Look after your staff&apos;s Microsoft Entra QR code + PIN sign-in: who has it, whose badge expires soon, whose PIN is still temporary.</source>
        <translation>Behalten Sie die Anmeldung Ihres Teams mit Microsoft Entra QR-Code + PIN im Blick: wer sie hat, wessen Ausweis bald abläuft, wessen PIN noch vorläufig ist.</translation>
    </message>
    <message>
        <source>Python %1 on %2</source>
        <translation>Python %1 unter %2</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>AccountButton</name>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Switch account…</source>
        <translation>Konto wechseln…</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Abmelden</translation>
    </message>
    <message>
        <source>Signed in as %1 (tenant %2)</source>
        <translation>Angemeldet als %1 (Mandant %2)</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Nicht angemeldet</translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <source>Your settings file could not be read, so the defaults are used. The old file was kept as %1.</source>
        <translation>Ihre Einstellungsdatei konnte nicht gelesen werden, daher werden die Standardwerte verwendet. Die alte Datei wurde als %1 aufbewahrt.</translation>
    </message>
    <message>
        <source>Stay signed in on this computer?</source>
        <translation>Auf diesem Computer angemeldet bleiben?</translation>
    </message>
    <message>
        <source>The same applies to the saved staff list that opens when the network is down. You can change this later in Settings.</source>
        <translation>Dasselbe gilt für die gespeicherte Mitarbeiterliste, die sich öffnet, wenn das Netzwerk nicht verfügbar ist. Sie können das später in den Einstellungen ändern.</translation>
    </message>
    <message>
        <source>Keep unencrypted</source>
        <translation>Unverschlüsselt speichern</translation>
    </message>
    <message>
        <source>Memory only</source>
        <translation>Nur im Arbeitsspeicher</translation>
    </message>
    <message>
        <source>Set up your organisation first: File › Settings (tenant and client ID), or start the app with --demo to try it with the demo tenant.</source>
        <translation>Richten Sie zuerst Ihre Organisation ein: Datei › Einstellungen (Mandant und Client-ID), oder starten Sie die App mit --demo, um sie mit dem Demo-Mandanten auszuprobieren.</translation>
    </message>
    <message>
        <source>Sign in with a &amp;code…</source>
        <translation>Mit einem &amp;Code anmelden…</translation>
    </message>
    <message>
        <source>Sign in on a phone or another computer with a one-time code, when no web browser opens on this computer</source>
        <translation>Auf einem Telefon oder einem anderen Computer mit einem einmaligen Code anmelden, wenn sich auf diesem Computer kein Webbrowser öffnet</translation>
    </message>
    <message>
        <source>Sign in with a code?</source>
        <translation>Mit einem Code anmelden?</translation>
    </message>
    <message>
        <source>You can sign in on a phone or another computer instead: the app shows a code to enter there.</source>
        <translation>Sie können sich stattdessen auf einem Telefon oder einem anderen Computer anmelden: Die App zeigt einen Code an, den Sie dort eingeben.</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Jetzt nicht</translation>
    </message>
    <message>
        <source>The new sign-in settings apply the next time you start the app.</source>
        <translation>Die neuen Anmeldeeinstellungen gelten ab dem nächsten Start der App.</translation>
    </message>
</context>
<context>
    <name>AuthMessages</name>
    <message>
        <source>Sign-in was cancelled.</source>
        <translation>Die Anmeldung wurde abgebrochen.</translation>
    </message>
    <message>
        <source>Sign-in was declined on the sign-in page. Sign in again when you are ready.</source>
        <translation>Die Anmeldung wurde auf der Anmeldeseite abgelehnt. Melden Sie sich erneut an, wenn Sie bereit sind.</translation>
    </message>
    <message>
        <source>Your IT admin must approve this app for your organisation before you can use this feature. Ask them to grant admin consent to QR PIN Manager (see the app registration guide).</source>
        <translation>Ihre IT-Abteilung muss diese App für Ihre Organisation freigeben, bevor Sie diese Funktion nutzen können. Bitten Sie sie, QR PIN Manager die Administratorzustimmung zu erteilen (siehe Anleitung zur App-Registrierung).</translation>
    </message>
    <message>
        <source>Sign-in took too long and was stopped. Please try again.</source>
        <translation>Die Anmeldung hat zu lange gedauert und wurde beendet. Bitte versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Your organisation (tenant) was not found. Check the tenant name or ID in Settings.</source>
        <translation>Ihre Organisation (Mandant) wurde nicht gefunden. Prüfen Sie Mandantenname oder -ID in den Einstellungen.</translation>
    </message>
    <message>
        <source>This app is not registered in your organisation with the client ID in Settings. Check the client ID, or ask your IT admin for the right one.</source>
        <translation>Diese App ist in Ihrer Organisation nicht mit der Client-ID aus den Einstellungen registriert. Prüfen Sie die Client-ID oder fragen Sie Ihre IT-Abteilung nach der richtigen.</translation>
    </message>
    <message>
        <source>The Microsoft sign-in service could not be reached. Check the network connection and the proxy in Settings.</source>
        <translation>Der Microsoft-Anmeldedienst ist nicht erreichbar. Prüfen Sie die Netzwerkverbindung und den Proxy in den Einstellungen.</translation>
    </message>
    <message>
        <source>Your organisation asks you to sign in again to continue.</source>
        <translation>Ihre Organisation verlangt eine erneute Anmeldung, um fortzufahren.</translation>
    </message>
    <message>
        <source>Your sign-in has expired. Please sign in again.</source>
        <translation>Ihre Anmeldung ist abgelaufen. Bitte melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>Nobody is signed in.</source>
        <translation>Niemand ist angemeldet.</translation>
    </message>
    <message>
        <source>That is a different account. Only the account that was signed in can unlock the app.</source>
        <translation>Das ist ein anderes Konto. Nur das zuvor angemeldete Konto kann die App entsperren.</translation>
    </message>
    <message>
        <source>No web browser could be opened for sign-in. Use &apos;Sign in with a code&apos; instead.</source>
        <translation>Für die Anmeldung konnte kein Webbrowser geöffnet werden. Verwenden Sie stattdessen „Mit einem Code anmelden“.</translation>
    </message>
    <message>
        <source>A sign-in is already in progress. Finish or cancel it first.</source>
        <translation>Eine Anmeldung läuft bereits. Schließen Sie sie zuerst ab oder brechen Sie sie ab.</translation>
    </message>
    <message>
        <source>Windows sign-in (Web Account Manager) failed. Try again, or turn off &apos;Use Windows sign-in&apos; in Settings.</source>
        <translation>Die Windows-Anmeldung (Web Account Manager) ist fehlgeschlagen. Versuchen Sie es erneut oder schalten Sie „Windows-Anmeldung verwenden“ in den Einstellungen aus.</translation>
    </message>
    <message>
        <source>The Microsoft sign-in service refused the sign-in. Please try again.</source>
        <translation>Der Microsoft-Anmeldedienst hat die Anmeldung abgelehnt. Bitte versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>This computer cannot encrypt the saved sign-in. Keep it in an unencrypted file so you stay signed in between sessions? If you choose No, you sign in each time the app starts.</source>
        <translation>Dieser Computer kann die gespeicherte Anmeldung nicht verschlüsseln. Soll sie in einer unverschlüsselten Datei gespeichert werden, damit Sie angemeldet bleiben? Bei „Nein“ melden Sie sich bei jedem Start der App an.</translation>
    </message>
</context>
<context>
    <name>Badge</name>
    <message>
        <source>Expires %1</source>
        <translation>Läuft ab am %1</translation>
    </message>
    <message>
        <source>Keep it private. Lost it? Tell your manager.</source>
        <translation>Nicht weitergeben. Verloren? Sagen Sie es Ihrer Filialleitung.</translation>
    </message>
    <message>
        <source>Sign in: scan with the store device, then enter your PIN.</source>
        <translation>Anmelden: mit dem Filialgerät scannen, dann die PIN eingeben.</translation>
    </message>
    <message>
        <source>Temporary code</source>
        <translation>Temporärer Code</translation>
    </message>
    <message>
        <source>Valid until %1</source>
        <translation>Gültig bis %1</translation>
    </message>
    <message>
        <source>Works from %1</source>
        <translation>Gültig ab %1</translation>
    </message>
</context>
<context>
    <name>BadgePreview</name>
    <message>
        <source>Badge preview</source>
        <translation>Ausweisvorschau</translation>
    </message>
</context>
<context>
    <name>BadgePrint</name>
    <message>
        <source>Print badges</source>
        <translation>Ausweise drucken</translation>
    </message>
    <message>
        <source>QR sign-in badges</source>
        <translation>QR-Anmeldeausweise</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>Bulk</name>
    <message>
        <source>QR sign-in badges and PIN slips</source>
        <translation>QR-Anmeldeausweise und PIN-Zettel</translation>
    </message>
    <message>
        <source>(a new badge was issued: print it)</source>
        <translation>(ein neuer Ausweis wurde ausgestellt: bitte drucken)</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <source>Done, but the answer was lost: the new PIN/badge never arrived</source>
        <translation>Erledigt, aber die Antwort ging verloren: Die neue PIN bzw. der neue Ausweis kam nie an</translation>
    </message>
    <message>
        <source>Extend badge expiry (no reprint)</source>
        <translation>Ausweis-Gültigkeit verlängern (ohne Neudruck)</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Not done (checked after a lost answer)</source>
        <translation>Nicht erledigt (nach verlorener Antwort geprüft)</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>Nicht gesendet</translation>
    </message>
    <message>
        <source>Remove QR sign-in (leavers)</source>
        <translation>QR-Anmeldung entfernen (Austritte)</translation>
    </message>
    <message>
        <source>Reset PIN (PIN slips)</source>
        <translation>PIN zurücksetzen (PIN-Zettel)</translation>
    </message>
    <message>
        <source>Set up QR sign-in (badges)</source>
        <translation>QR-Anmeldung einrichten (Ausweise)</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Übersprungen</translation>
    </message>
    <message>
        <source>Temporary code (forgotten badges)</source>
        <translation>Temporärer Code (vergessene Ausweise)</translation>
    </message>
    <message>
        <source>Unknown: check this person&apos;s status before repeating</source>
        <translation>Unklar: Prüfen Sie den Status dieser Person, bevor Sie es wiederholen</translation>
    </message>
</context>
<context>
    <name>BulkDialog</name>
    <message>
        <source>Bulk actions</source>
        <translation>Sammelaktionen</translation>
    </message>
    <message numerus="yes">
        <source>The %n people selected in the roster</source>
        <translation>
            <numerusform>Die %n in der Liste ausgewählte Person</numerusform>
            <numerusform>Die %n in der Liste ausgewählten Personen</numerusform>
        </translation>
    </message>
    <message>
        <source>People selected in the roster (none selected)</source>
        <translation>In der Liste ausgewählte Personen (keine ausgewählt)</translation>
    </message>
    <message>
        <source>A CSV file</source>
        <translation>Eine CSV-Datei</translation>
    </message>
    <message>
        <source>user;action;expires;hours;pin</source>
        <translation>user;action;expires;hours;pin</translation>
    </message>
    <message>
        <source>CSV file</source>
        <translation>CSV-Datei</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>As the file&apos;s &apos;action&apos; column says</source>
        <translation>Wie in der Spalte „action“ der Datei angegeben</translation>
    </message>
    <message>
        <source>As far as allowed (395 days after each code&apos;s start)</source>
        <translation>So weit wie erlaubt (395 Tage nach Beginn des jeweiligen Codes)</translation>
    </message>
    <message>
        <source> h</source>
        <translation> Std.</translation>
    </message>
    <message>
        <source>Check (dry run)</source>
        <translation>Prüfen (Probelauf)</translation>
    </message>
    <message>
        <source>People:</source>
        <translation>Personen:</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Datei:</translation>
    </message>
    <message>
        <source>Action:</source>
        <translation>Aktion:</translation>
    </message>
    <message>
        <source>New expiry:</source>
        <translation>Neues Ablaufdatum:</translation>
    </message>
    <message>
        <source>Temporary code for:</source>
        <translation>Temporärer Code für:</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Dry run: one line per row</source>
        <translation>Probelauf: eine Zeile pro Eintrag</translation>
    </message>
    <message>
        <source>Skip selected</source>
        <translation>Ausgewählte überspringen</translation>
    </message>
    <message>
        <source>Don&apos;t skip</source>
        <translation>Nicht überspringen</translation>
    </message>
    <message>
        <source>Use the latest allowed expiry</source>
        <translation>Spätestes erlaubtes Ablaufdatum verwenden</translation>
    </message>
    <message>
        <source>Include anyway (I checked)</source>
        <translation>Trotzdem ausführen (geprüft)</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>New round (ignore the earlier run)</source>
        <translation>Neue Runde (früheren Lauf nicht beachten)</translation>
    </message>
    <message>
        <source>Rows an earlier run finished are skipped. For a new round (for example next month&apos;s resets for the same people) set that earlier results file aside and check every row again. Not for finishing a cancelled run.</source>
        <translation>Zeilen, die ein früherer Lauf abgeschlossen hat, werden übersprungen. Für eine neue Runde (zum Beispiel die Zurücksetzungen des nächsten Monats für dieselben Personen) wird die frühere Ergebnisdatei beiseitegelegt und jede Zeile erneut geprüft. Nicht zum Fortsetzen eines abgebrochenen Laufs.</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Run remaining rows…</source>
        <translation>Restliche Zeilen ausführen…</translation>
    </message>
    <message>
        <source>Checks the rows again (dry run) and offers the ones not sent. Rows already done are skipped; rows whose outcome is unknown are held back.</source>
        <translation>Prüft die Zeilen erneut (Probelauf) und bietet die noch nicht gesendeten an. Bereits erledigte Zeilen werden übersprungen; Zeilen mit unklarem Ergebnis werden zurückgehalten.</translation>
    </message>
    <message>
        <source>Save badges and PIN slips as one PDF…</source>
        <translation>Ausweise und PIN-Zettel als ein PDF speichern…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Drucken…</translation>
    </message>
    <message>
        <source>1 Choose</source>
        <translation>1 Auswählen</translation>
    </message>
    <message>
        <source>2 Check</source>
        <translation>2 Prüfen</translation>
    </message>
    <message>
        <source>3 Run</source>
        <translation>3 Ausführen</translation>
    </message>
    <message>
        <source>The policy&apos;s default lifetime</source>
        <translation>Standard-Gültigkeitsdauer laut Richtlinie</translation>
    </message>
    <message>
        <source>Columns: user (user name or id), action (create, reset-pin, extend, temporary, delete), optional start, expires, days, hours, pin. Comma or semicolon separated. Values in the file win over the ones above.</source>
        <translation>Spalten: user (Benutzername oder ID), action (create, reset-pin, extend, temporary, delete), optional start, expires, days, hours, pin. Getrennt durch Komma oder Semikolon. Werte aus der Datei haben Vorrang vor den Angaben oben.</translation>
    </message>
    <message>
        <source>Nothing is sent until you have seen the dry run and pressed Run.</source>
        <translation>Es wird nichts gesendet, bevor Sie den Probelauf gesehen und „Ausführen“ gedrückt haben.</translation>
    </message>
    <message>
        <source>Choose a CSV file</source>
        <translation>CSV-Datei auswählen</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt)</source>
        <translation>CSV-Dateien (*.csv *.txt)</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>Datei wird gelesen…</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <source>Looking people up</source>
        <translation>Personen werden gesucht</translation>
    </message>
    <message>
        <source>Reading their QR sign-in</source>
        <translation>Ihre QR-Anmeldung wird gelesen</translation>
    </message>
    <message>
        <source>%1 ready, %2 with a note, %3 with a problem, %4 skipped. Nothing has been sent yet.</source>
        <translation>%1 bereit, %2 mit Hinweis, %3 mit Problem, %4 übersprungen. Es wurde noch nichts gesendet.</translation>
    </message>
    <message numerus="yes">
        <source>Run %n action(s)</source>
        <translation>
            <numerusform>%n Aktion ausführen</numerusform>
            <numerusform>%n Aktionen ausführen</numerusform>
        </translation>
    </message>
    <message>
        <source>Not signed in.</source>
        <translation>Nicht angemeldet.</translation>
    </message>
    <message>
        <source>The results file cannot be written: %1</source>
        <translation>Die Ergebnisdatei kann nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>%1 of %2 rows finished.</source>
        <translation>%1 von %2 Zeilen abgeschlossen.</translation>
    </message>
    <message numerus="yes">
        <source>%n answer(s) were lost after sending: re-reading those people to see what happened (nothing is sent again)…</source>
        <translation>
            <numerusform>%n Antwort ging nach dem Senden verloren: Die Person wird erneut gelesen, um zu sehen, was geschehen ist (es wird nichts erneut gesendet)…</numerusform>
            <numerusform>%n Antworten gingen nach dem Senden verloren: Diese Personen werden erneut gelesen, um zu sehen, was geschehen ist (es wird nichts erneut gesendet)…</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelling: waiting for the answers already on their way…</source>
        <translation>Wird abgebrochen: Warten auf die Antworten, die bereits unterwegs sind…</translation>
    </message>
    <message numerus="yes">
        <source>%n done</source>
        <translation>
            <numerusform>%n erledigt</numerusform>
            <numerusform>%n erledigt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n fehlgeschlagen</numerusform>
            <numerusform>%n fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not sent</source>
        <translation>
            <numerusform>%n nicht gesendet</numerusform>
            <numerusform>%n nicht gesendet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped</source>
        <translation>
            <numerusform>%n übersprungen</numerusform>
            <numerusform>%n übersprungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unknown (check their status)</source>
        <translation>
            <numerusform>%n unklar (Status prüfen)</numerusform>
            <numerusform>%n unklar (Status prüfen)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n done but the PIN/badge was lost</source>
        <translation>
            <numerusform>%n erledigt, aber PIN bzw. Ausweis ging verloren</numerusform>
            <numerusform>%n erledigt, aber PIN bzw. Ausweis ging verloren</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not done after a lost answer</source>
        <translation>
            <numerusform>%n nach verlorener Antwort nicht erledigt</numerusform>
            <numerusform>%n nach verlorener Antwort nicht erledigt</numerusform>
        </translation>
    </message>
    <message>
        <source>Results file: %1 (a re-run skips what is done).</source>
        <translation>Ergebnisdatei: %1 (ein erneuter Lauf überspringt, was erledigt ist).</translation>
    </message>
    <message>
        <source>%1 badge(s) and %2 PIN slip(s) are only in this window: print them or save them as one PDF now. They cannot be shown again.</source>
        <translation>%1 Ausweis(e) und %2 PIN-Zettel gibt es nur in diesem Fenster: Drucken Sie sie jetzt oder speichern Sie sie als ein PDF. Sie können nicht erneut angezeigt werden.</translation>
    </message>
    <message>
        <source>Badges and PIN slips delivered.</source>
        <translation>Ausweise und PIN-Zettel ausgegeben.</translation>
    </message>
    <message>
        <source>Save badges and PIN slips as PDF</source>
        <translation>Ausweise und PIN-Zettel als PDF speichern</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-Dateien (*.pdf)</translation>
    </message>
    <message>
        <source>The PDF could not be saved: %1</source>
        <translation>Das PDF konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>The printer could not be started.</source>
        <translation>Der Drucker konnte nicht gestartet werden.</translation>
    </message>
    <message>
        <source>Printing failed. The badges and PIN slips are still here: try again or save them as one PDF.</source>
        <translation>Das Drucken ist fehlgeschlagen. Die Ausweise und PIN-Zettel sind noch hier: Versuchen Sie es erneut oder speichern Sie sie als ein PDF.</translation>
    </message>
    <message>
        <source>Something went wrong: %1</source>
        <translation>Etwas ist schiefgelaufen: %1</translation>
    </message>
    <message>
        <source>Close without printing?</source>
        <translation>Schließen, ohne zu drucken?</translation>
    </message>
    <message>
        <source>%1 badge(s) and %2 PIN slip(s) have not been printed or saved. They cannot be shown again: those people would need a new badge or PIN reset.</source>
        <translation>%1 Ausweis(e) und %2 PIN-Zettel wurden weder gedruckt noch gespeichert. Sie können nicht erneut angezeigt werden: Diese Personen bräuchten dann einen neuen Ausweis oder eine zurückgesetzte PIN.</translation>
    </message>
</context>
<context>
    <name>BulkProblems</name>
    <message>
        <source>A PIN can only be given when creating QR sign-in; a reset always generates one. The PIN in this line is ignored.</source>
        <translation>Eine PIN kann nur beim Einrichten der QR-Anmeldung angegeben werden; beim Zurücksetzen wird immer eine erzeugt. Die PIN in dieser Zeile wird ignoriert.</translation>
    </message>
    <message>
        <source>A temporary code lasts 1 to 12 hours.</source>
        <translation>Ein temporärer Code gilt 1 bis 12 Stunden.</translation>
    </message>
    <message>
        <source>A temporary code needs its end: give &apos;hours&apos; (1 to 12) or &apos;expires&apos; (e.g. 14:00).</source>
        <translation>Ein temporärer Code braucht ein Ende: Geben Sie „hours“ (1 bis 12) oder „expires“ (z. B. 14:00) an.</translation>
    </message>
    <message>
        <source>Already has QR sign-in; nothing to create.</source>
        <translation>Hat bereits eine QR-Anmeldung; nichts einzurichten.</translation>
    </message>
    <message>
        <source>Already has a temporary code until {until}; delete it first (one at a time).</source>
        <translation>Hat bereits einen temporären Code bis {until}; löschen Sie ihn zuerst (nur einer gleichzeitig).</translation>
    </message>
    <message>
        <source>An earlier run could not tell whether this was done. Check this person&apos;s status; include it only if it was not done.</source>
        <translation>Ein früherer Lauf konnte nicht feststellen, ob dies erledigt wurde. Prüfen Sie den Status dieser Person und nehmen Sie die Zeile nur auf, wenn es nicht erledigt wurde.</translation>
    </message>
    <message>
        <source>Column &apos;{column}&apos; appears twice; only the first one is read.</source>
        <translation>Die Spalte „{column}“ kommt zweimal vor; nur die erste wird gelesen.</translation>
    </message>
    <message>
        <source>Column &apos;{column}&apos; is not used; it is ignored.</source>
        <translation>Die Spalte „{column}“ wird nicht verwendet und ignoriert.</translation>
    </message>
    <message>
        <source>Done in an earlier run (results file); not sent again.</source>
        <translation>In einem früheren Lauf erledigt (Ergebnisdatei); wird nicht erneut gesendet.</translation>
    </message>
    <message>
        <source>Has no QR sign-in yet; create it first.</source>
        <translation>Hat noch keine QR-Anmeldung; richten Sie sie zuerst ein.</translation>
    </message>
    <message>
        <source>Has no QR sign-in; nothing to delete.</source>
        <translation>Hat keine QR-Anmeldung; nichts zu löschen.</translation>
    </message>
    <message>
        <source>Has no standard code to extend; issue a new badge instead (lost badge).</source>
        <translation>Hat keinen Standardcode zum Verlängern; stellen Sie stattdessen einen neuen Ausweis aus (Ausweis verloren).</translation>
    </message>
    <message>
        <source>No action given: the action column is empty.</source>
        <translation>Keine Aktion angegeben: Die Spalte „action“ ist leer.</translation>
    </message>
    <message>
        <source>No column names the person. The first line must name the columns, for example: user;action;expires (user = user name or object id).</source>
        <translation>Keine Spalte nennt die Person. Die erste Zeile muss die Spalten benennen, zum Beispiel: user;action;expires (user = Benutzername oder Objekt-ID).</translation>
    </message>
    <message>
        <source>No person given: the user column is empty.</source>
        <translation>Keine Person angegeben: Die Spalte „user“ ist leer.</translation>
    </message>
    <message>
        <source>No such person in the directory (&apos;{value}&apos;).</source>
        <translation>Diese Person gibt es im Verzeichnis nicht („{value}“).</translation>
    </message>
    <message>
        <source>Offline: nothing can be checked or sent.</source>
        <translation>Offline: Es kann nichts geprüft oder gesendet werden.</translation>
    </message>
    <message>
        <source>Same as line {line}; done once.</source>
        <translation>Wie Zeile {line}; wird einmal ausgeführt.</translation>
    </message>
    <message>
        <source>The PIN in the file breaks these rules: {rules}.</source>
        <translation>Die PIN in der Datei verstößt gegen diese Regeln: {rules}.</translation>
    </message>
    <message>
        <source>The account is disabled: this person cannot sign in until IT enables it.</source>
        <translation>Das Konto ist deaktiviert: Diese Person kann sich erst anmelden, wenn die IT-Abteilung es aktiviert.</translation>
    </message>
    <message>
        <source>The activation date {start} is in the past.</source>
        <translation>Das Startdatum {start} liegt in der Vergangenheit.</translation>
    </message>
    <message>
        <source>The code already runs until {current}; nothing to extend.</source>
        <translation>Der Code gilt bereits bis {current}; nichts zu verlängern.</translation>
    </message>
    <message>
        <source>The code would last less than a day.</source>
        <translation>Der Code würde weniger als einen Tag gelten.</translation>
    </message>
    <message>
        <source>The expiry {expire} is not in the future.</source>
        <translation>Das Ablaufdatum {expire} liegt nicht in der Zukunft.</translation>
    </message>
    <message>
        <source>The file could not be read ({reason}).</source>
        <translation>Die Datei konnte nicht gelesen werden ({reason}).</translation>
    </message>
    <message>
        <source>The file has column names but no rows.</source>
        <translation>Die Datei hat Spaltennamen, aber keine Zeilen.</translation>
    </message>
    <message>
        <source>The file has no &apos;action&apos; column and no action was chosen for the whole file.</source>
        <translation>Die Datei hat keine Spalte „action“, und für die ganze Datei wurde keine Aktion gewählt.</translation>
    </message>
    <message>
        <source>The file has {count} rows; one run takes at most {limit}. Split the file.</source>
        <translation>Die Datei hat {count} Zeilen; ein Lauf verarbeitet höchstens {limit}. Teilen Sie die Datei auf.</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>Die Datei ist leer.</translation>
    </message>
    <message>
        <source>The file is larger than {limit_mb} MB; split it into smaller files.</source>
        <translation>Die Datei ist größer als {limit_mb} MB; teilen Sie sie in kleinere Dateien auf.</translation>
    </message>
    <message>
        <source>The file is not UTF-8; it was read as Windows-1252 (Excel&apos;s &apos;CSV&apos; format). Check names with accents, or save it from Excel as &apos;CSV UTF-8&apos;.</source>
        <translation>Die Datei ist nicht in UTF-8; sie wurde als Windows-1252 gelesen (das Excel-Format „CSV“). Prüfen Sie Namen mit Umlauten oder Akzenten, oder speichern Sie sie in Excel als „CSV UTF-8“.</translation>
    </message>
    <message>
        <source>The new expiry is more than 395 days after the code&apos;s start; the latest allowed is {latest}.</source>
        <translation>Das neue Ablaufdatum liegt mehr als 395 Tage nach Beginn des Codes; spätestens erlaubt ist {latest}.</translation>
    </message>
    <message>
        <source>The standard code expired on {expired}; extending it would issue a new badge that must be printed. Use &apos;New badge&apos; instead.</source>
        <translation>Der Standardcode ist am {expired} abgelaufen; eine Verlängerung würde einen neuen Ausweis ausstellen, der gedruckt werden muss. Verwenden Sie stattdessen „Neuer Ausweis“.</translation>
    </message>
    <message>
        <source>This is not a CSV text file (it looks like a workbook or another binary file). Save it from Excel as &apos;CSV UTF-8 (comma delimited)&apos;.</source>
        <translation>Dies ist keine CSV-Textdatei (sie sieht aus wie eine Arbeitsmappe oder eine andere Binärdatei). Speichern Sie sie in Excel als „CSV UTF-8 (durch Trennzeichen getrennt)“.</translation>
    </message>
    <message>
        <source>This line has more fields than the header; the extra ones are ignored.</source>
        <translation>Diese Zeile hat mehr Felder als die Kopfzeile; die zusätzlichen werden ignoriert.</translation>
    </message>
    <message>
        <source>This person could not be looked up ({reason}). Try again.</source>
        <translation>Diese Person konnte nicht gesucht werden ({reason}). Versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>This person is also on line {line}; one action per person per run. Split the file.</source>
        <translation>Diese Person steht auch in Zeile {line}; pro Lauf ist nur eine Aktion je Person möglich. Teilen Sie die Datei auf.</translation>
    </message>
    <message>
        <source>This person&apos;s current QR sign-in could not be read ({reason}). Try the check again.</source>
        <translation>Die aktuelle QR-Anmeldung dieser Person konnte nicht gelesen werden ({reason}). Wiederholen Sie die Prüfung.</translation>
    </message>
    <message>
        <source>Unknown action &apos;{value}&apos;. Use create, reset-pin, extend, temporary or delete.</source>
        <translation>Unbekannte Aktion „{value}“. Verwenden Sie create, reset-pin, extend, temporary oder delete.</translation>
    </message>
    <message>
        <source>days: a standard code lasts 1 to 395 days (got {value}).</source>
        <translation>days: Ein Standardcode gilt 1 bis 395 Tage (angegeben: {value}).</translation>
    </message>
    <message>
        <source>hours: a temporary code lasts 1 to 12 hours (got {value}).</source>
        <translation>hours: Ein temporärer Code gilt 1 bis 12 Stunden (angegeben: {value}).</translation>
    </message>
    <message>
        <source>{column} does not apply to &apos;{action}&apos;; it is ignored.</source>
        <translation>{column} gilt nicht für „{action}“ und wird ignoriert.</translation>
    </message>
    <message>
        <source>{column}: &apos;{value}&apos; could be day/month or month/day. Write it as YYYY-MM-DD.</source>
        <translation>{column}: „{value}“ könnte Tag/Monat oder Monat/Tag sein. Schreiben Sie es als JJJJ-MM-TT.</translation>
    </message>
    <message>
        <source>{column}: &apos;{value}&apos; is not a date. Write it as YYYY-MM-DD (for example 2026-09-30) or DD.MM.YYYY.</source>
        <translation>{column}: „{value}“ ist kein Datum. Schreiben Sie es als JJJJ-MM-TT (zum Beispiel 2026-09-30) oder TT.MM.JJJJ.</translation>
    </message>
    <message>
        <source>{column}: &apos;{value}&apos; is not a number.</source>
        <translation>{column}: „{value}“ ist keine Zahl.</translation>
    </message>
    <message>
        <source>{reason}</source>
        <translation>{reason}</translation>
    </message>
</context>
<context>
    <name>ChangePinDialog</name>
    <message>
        <source>Change my PIN</source>
        <translation>Meine PIN ändern</translation>
    </message>
    <message>
        <source>Change the PIN you use with your QR badge. You need your current PIN.</source>
        <translation>Ändern Sie die PIN zu Ihrem QR-Ausweis. Sie brauchen dazu Ihre aktuelle PIN.</translation>
    </message>
    <message>
        <source>Current PIN</source>
        <translation>Aktuelle PIN</translation>
    </message>
    <message>
        <source>New PIN</source>
        <translation>Neue PIN</translation>
    </message>
    <message>
        <source>New PIN again</source>
        <translation>Neue PIN wiederholen</translation>
    </message>
    <message>
        <source>&amp;Current PIN:</source>
        <translation>&amp;Aktuelle PIN:</translation>
    </message>
    <message>
        <source>&amp;New PIN:</source>
        <translation>&amp;Neue PIN:</translation>
    </message>
    <message>
        <source>New PIN &amp;again:</source>
        <translation>Neue PIN &amp;wiederholen:</translation>
    </message>
    <message>
        <source>S&amp;how PINs</source>
        <translation>PINs an&amp;zeigen</translation>
    </message>
    <message>
        <source>Waiting for Microsoft</source>
        <translation>Warten auf Microsoft</translation>
    </message>
    <message>
        <source>Check &amp;status</source>
        <translation>&amp;Status prüfen</translation>
    </message>
    <message>
        <source>&amp;Change PIN</source>
        <translation>PIN &amp;ändern</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>The current PIN has 8 to 20 digits.</source>
        <translation>Die aktuelle PIN hat 8 bis 20 Ziffern.</translation>
    </message>
    <message>
        <source>The new PIN must be different from the current PIN.</source>
        <translation>Die neue PIN muss sich von der aktuellen PIN unterscheiden.</translation>
    </message>
    <message>
        <source>The two new PINs are not the same.</source>
        <translation>Die beiden neuen PINs stimmen nicht überein.</translation>
    </message>
    <message>
        <source>Your organisation requires at least %1 digits.</source>
        <translation>Ihre Organisation verlangt mindestens %1 Ziffern.</translation>
    </message>
    <message>
        <source>(tenant default assumed: the policy could not be read)</source>
        <translation>(Standard des Mandanten angenommen: die Richtlinie konnte nicht gelesen werden)</translation>
    </message>
    <message>
        <source>The new PIN meets the rules.</source>
        <translation>Die neue PIN erfüllt die Regeln.</translation>
    </message>
    <message>
        <source>Offline: the PIN cannot be changed until the connection is back.</source>
        <translation>Offline: Die PIN kann erst geändert werden, wenn die Verbindung wieder besteht.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>change your PIN</source>
        <translation>Ihre PIN ändern</translation>
    </message>
    <message>
        <source>Your PIN has been changed. Use the new PIN from your next sign-in.</source>
        <translation>Ihre PIN wurde geändert. Verwenden Sie ab der nächsten Anmeldung die neue PIN.</translation>
    </message>
    <message>
        <source>Checked: your PIN was changed. Use the new PIN from your next sign-in.</source>
        <translation>Geprüft: Ihre PIN wurde geändert. Verwenden Sie ab der nächsten Anmeldung die neue PIN.</translation>
    </message>
    <message>
        <source>Checked: your PIN was not changed. Your current PIN still works.</source>
        <translation>Geprüft: Ihre PIN wurde nicht geändert. Ihre aktuelle PIN funktioniert weiterhin.</translation>
    </message>
    <message>
        <source>Checked, but it cannot be told whether the PIN changed.</source>
        <translation>Geprüft, aber es lässt sich nicht feststellen, ob die PIN geändert wurde.</translation>
    </message>
</context>
<context>
    <name>ConnectionLabel</name>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
</context>
<context>
    <name>CreateMethodDialog</name>
    <message>
        <source>Set up QR sign-in</source>
        <translation>QR-Anmeldung einrichten</translation>
    </message>
    <message>
        <source>Set up QR sign-in for %1</source>
        <translation>QR-Anmeldung für %1 einrichten</translation>
    </message>
    <message>
        <source>%1 gets a badge (a QR code) and a first PIN. Both are shown only once, right after this: have the printer ready.</source>
        <translation>%1 erhält einen Ausweis (einen QR-Code) und eine erste PIN. Beide werden nur einmal angezeigt, direkt im Anschluss: Halten Sie den Drucker bereit.</translation>
    </message>
    <message>
        <source>&amp;Now</source>
        <translation>&amp;Jetzt</translation>
    </message>
    <message>
        <source>&amp;Later:</source>
        <translation>Spä&amp;ter:</translation>
    </message>
    <message>
        <source>Works from:</source>
        <translation>Gültig ab:</translation>
    </message>
    <message>
        <source>Expires on:</source>
        <translation>Läuft ab am:</translation>
    </message>
    <message>
        <source>Let Microsoft &amp;generate it</source>
        <translation>Von Microsoft e&amp;rzeugen</translation>
    </message>
    <message>
        <source>&amp;Type one:</source>
        <translation>Ein&amp;geben:</translation>
    </message>
    <message>
        <source>First PIN</source>
        <translation>Erste PIN</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <source>First PIN:</source>
        <translation>Erste PIN:</translation>
    </message>
    <message>
        <source>&amp;Set up</source>
        <translation>&amp;Einrichten</translation>
    </message>
    <message>
        <source>The start cannot be in the past.</source>
        <translation>Der Beginn darf nicht in der Vergangenheit liegen.</translation>
    </message>
    <message>
        <source>Type %1 to %2 digits.</source>
        <translation>Geben Sie %1 bis %2 Ziffern ein.</translation>
    </message>
    <message>
        <source>This PIN follows the rules.</source>
        <translation>Diese PIN erfüllt die Regeln.</translation>
    </message>
    <message>
        <source>QR sign-in is set up for %1</source>
        <translation>QR-Anmeldung für %1 ist eingerichtet</translation>
    </message>
    <message>
        <source>Print or save the badge and hand over the first PIN now: both are shown only this once. %1 must choose a new PIN at their first sign-in.</source>
        <translation>Drucken oder speichern Sie jetzt den Ausweis und geben Sie die erste PIN weiter: Beide werden nur dieses eine Mal angezeigt. %1 muss bei der ersten Anmeldung eine neue PIN wählen.</translation>
    </message>
    <message>
        <source>Before the first QR sign-in, %1 must sign in once with another method (for example their password). Until then Microsoft answers &quot;Incorrect QR code&quot;.</source>
        <translation>Vor der ersten QR-Anmeldung muss sich %1 einmal mit einer anderen Methode anmelden (zum Beispiel mit dem Kennwort). Bis dahin meldet Microsoft „Falscher QR-Code“.</translation>
    </message>
</context>
<context>
    <name>DeleteDialog</name>
    <message>
        <source>Remove QR sign-in</source>
        <translation>QR-Anmeldung entfernen</translation>
    </message>
    <message>
        <source>What should stop working for %1?</source>
        <translation>Was soll für %1 nicht mehr funktionieren?</translation>
    </message>
    <message>
        <source>Pick what to delete and read what stops working; nothing is sent before you press Delete.</source>
        <translation>Wählen Sie, was gelöscht werden soll, und lesen Sie, was dann nicht mehr funktioniert; es wird nichts gesendet, bevor Sie auf „Löschen“ drücken.</translation>
    </message>
    <message>
        <source>The &amp;temporary code</source>
        <translation>Den &amp;temporären Code</translation>
    </message>
    <message>
        <source>The &amp;badge (standard code)</source>
        <translation>Den &amp;Ausweis (Standardcode)</translation>
    </message>
    <message>
        <source>&amp;All of QR sign-in (a leaver)</source>
        <translation>Die &amp;gesamte QR-Anmeldung (Austritt)</translation>
    </message>
    <message>
        <source>The temporary code stops working now. %1&apos;s badge and PIN keep working.</source>
        <translation>Der temporäre Code funktioniert ab sofort nicht mehr. Ausweis und PIN von %1 funktionieren weiterhin.</translation>
    </message>
    <message>
        <source>The printed badge stops working now. %1 keeps their PIN; issue a new badge (New badge…) so they can sign in with QR again.</source>
        <translation>Der gedruckte Ausweis funktioniert ab sofort nicht mehr. %1 behält die PIN; stellen Sie einen neuen Ausweis aus (Neuer Ausweis…), damit die Anmeldung per QR wieder möglich ist.</translation>
    </message>
    <message>
        <source>The badge, any temporary code and the PIN all stop working now: %1 can no longer sign in with QR. To let them back, set up QR sign-in again (new badge and new PIN).</source>
        <translation>Ausweis, ein etwaiger temporärer Code und die PIN funktionieren ab sofort nicht mehr: %1 kann sich nicht mehr per QR anmelden. Um das wieder zu ermöglichen, richten Sie die QR-Anmeldung neu ein (neuer Ausweis und neue PIN).</translation>
    </message>
    <message>
        <source>&amp;Delete temporary code</source>
        <translation>Temporären Code &amp;löschen</translation>
    </message>
    <message>
        <source>&amp;Delete badge</source>
        <translation>Ausweis &amp;löschen</translation>
    </message>
    <message>
        <source>&amp;Delete QR sign-in</source>
        <translation>QR-Anmeldung &amp;löschen</translation>
    </message>
    <message>
        <source>Deleted: the temporary code no longer works.</source>
        <translation>Gelöscht: Der temporäre Code funktioniert nicht mehr.</translation>
    </message>
    <message>
        <source>Deleted: the printed badge no longer works.</source>
        <translation>Gelöscht: Der gedruckte Ausweis funktioniert nicht mehr.</translation>
    </message>
    <message>
        <source>Deleted: %1 can no longer sign in with QR.</source>
        <translation>Gelöscht: %1 kann sich nicht mehr per QR anmelden.</translation>
    </message>
    <message>
        <source>Deleted.</source>
        <translation>Gelöscht.</translation>
    </message>
</context>
<context>
    <name>DemoAccountPickerDialog</name>
    <message>
        <source>Sign in to the demo tenant</source>
        <translation>Beim Demo-Mandanten anmelden</translation>
    </message>
    <message>
        <source>This is the demo tenant: no password is needed. Pick the account to sign in with. (With your organisation, this step happens in your web browser.)</source>
        <translation>Dies ist der Demo-Mandant: Es wird kein Kennwort benötigt. Wählen Sie das Konto für die Anmeldung. (Bei Ihrer Organisation geschieht dieser Schritt im Webbrowser.)</translation>
    </message>
    <message>
        <source>Loading the demo accounts…</source>
        <translation>Demo-Konten werden geladen…</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Decline</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <source>Answer the app that you do not want to sign in (as the sign-in page does)</source>
        <translation>Der App antworten, dass Sie sich nicht anmelden möchten (wie die Anmeldeseite)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>The demo accounts could not be loaded.</source>
        <translation>Die Demo-Konten konnten nicht geladen werden.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Anmeldung läuft…</translation>
    </message>
    <message>
        <source>The sign-in page reported a problem: %1</source>
        <translation>Die Anmeldeseite meldet ein Problem: %1</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Signing in did not work. Try again, or cancel.</source>
        <translation>Die Anmeldung hat nicht geklappt. Versuchen Sie es erneut oder brechen Sie ab.</translation>
    </message>
</context>
<context>
    <name>DetailsPane</name>
    <message>
        <source>Details of the selected person</source>
        <translation>Details zur ausgewählten Person</translation>
    </message>
    <message>
        <source>Selected person</source>
        <translation>Ausgewählte Person</translation>
    </message>
    <message>
        <source>QR sign-in status</source>
        <translation>Status der QR-Anmeldung</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Abteilung</translation>
    </message>
    <message>
        <source>Job title</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>QR code + PIN</source>
        <translation>QR-Code + PIN</translation>
    </message>
    <message>
        <source>Set up on</source>
        <translation>Eingerichtet am</translation>
    </message>
    <message>
        <source>Last used</source>
        <translation>Zuletzt verwendet</translation>
    </message>
    <message>
        <source>Standard code</source>
        <translation>Standardcode</translation>
    </message>
    <message>
        <source>Temporary code</source>
        <translation>Temporärer Code</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>PIN last changed</source>
        <translation>PIN zuletzt geändert</translation>
    </message>
    <message>
        <source>Status checked</source>
        <translation>Status geprüft</translation>
    </message>
    <message>
        <source>Ready for QR sign-in?</source>
        <translation>Bereit für die QR-Anmeldung?</translation>
    </message>
    <message>
        <source>What stops QR sign-in, and the fix</source>
        <translation>Was die QR-Anmeldung verhindert, und die Lösung</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>Aktionen</translation>
    </message>
    <message>
        <source>Badge forgotten today</source>
        <translation>Ausweis heute vergessen</translation>
    </message>
    <message>
        <source>Note that this person forgot their badge today: the readiness check then asks for a temporary code. Kept on this computer only; nothing is sent to Microsoft.</source>
        <translation>Vermerken, dass diese Person heute ihren Ausweis vergessen hat: Die Bereitschaftsprüfung verlangt dann einen temporären Code. Wird nur auf diesem Computer gespeichert; es wird nichts an Microsoft gesendet.</translation>
    </message>
    <message>
        <source>Why actions are unavailable</source>
        <translation>Warum Aktionen nicht verfügbar sind</translation>
    </message>
    <message>
        <source>No one selected</source>
        <translation>Niemand ausgewählt</translation>
    </message>
    <message>
        <source>Select a person in the list to see their QR sign-in.</source>
        <translation>Wählen Sie eine Person in der Liste, um ihre QR-Anmeldung zu sehen.</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Deaktiviert</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Aktiviert</translation>
    </message>
    <message>
        <source>Not checked</source>
        <translation>Nicht geprüft</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keiner</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 bis %2</translation>
    </message>
    <message>
        <source>last used %1</source>
        <translation>zuletzt verwendet %1</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>Vorhanden</translation>
    </message>
</context>
<context>
    <name>DeviceCodeDialog</name>
    <message>
        <source>Sign in with a code</source>
        <translation>Mit einem Code anmelden</translation>
    </message>
    <message>
        <source>Getting a sign-in code…</source>
        <translation>Anmeldecode wird abgerufen…</translation>
    </message>
    <message>
        <source>Copy code</source>
        <translation>Code kopieren</translation>
    </message>
    <message>
        <source>Open the sign-in address</source>
        <translation>Anmeldeadresse öffnen</translation>
    </message>
    <message>
        <source>On a phone or another computer, open %1 and enter this code. The code is valid for %2 minutes.</source>
        <translation>Öffnen Sie auf einem Telefon oder einem anderen Computer %1 und geben Sie diesen Code ein. Der Code ist %2 Minuten gültig.</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>Something went wrong</source>
        <translation>Etwas ist schiefgelaufen</translation>
    </message>
    <message>
        <source>QR PIN Manager ran into a problem it did not expect. Your data is safe: nothing was changed because of this error. If it keeps happening, copy the details and send them to your IT support.</source>
        <translation>QR PIN Manager ist auf ein unerwartetes Problem gestoßen. Ihre Daten sind sicher: Durch diesen Fehler wurde nichts geändert. Wenn es wieder passiert, kopieren Sie die Details und senden Sie sie an Ihren IT-Support.</translation>
    </message>
    <message>
        <source>Error details</source>
        <translation>Fehlerdetails</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Details kopieren</translation>
    </message>
    <message>
        <source>Copy details to the clipboard</source>
        <translation>Details in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
</context>
<context>
    <name>ExpiryRadar</name>
    <message>
        <source>Expiry radar</source>
        <translation>Ablauf-Radar</translation>
    </message>
    <message>
        <source>Badges expiring within</source>
        <translation>Ausweise mit Ablauf innerhalb von</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tagen</translation>
    </message>
    <message>
        <source>Days ahead</source>
        <translation>Tage im Voraus</translation>
    </message>
    <message>
        <source>and temporary codes ending today</source>
        <translation>und heute endende temporäre Codes</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Codes expiring soon</source>
        <translation>Bald ablaufende Codes</translation>
    </message>
    <message>
        <source>Select all badges</source>
        <translation>Alle Ausweise auswählen</translation>
    </message>
    <message>
        <source>Extend without reprinting…</source>
        <translation>Ohne Neudruck verlängern…</translation>
    </message>
    <message>
        <source>Moves each badge&apos;s expiry to the latest date the service allows (395 days after the badge&apos;s start). A dry run shows every row before anything is sent.</source>
        <translation>Verschiebt das Ablaufdatum jedes Ausweises auf das späteste Datum, das der Dienst erlaubt (395 Tage nach Beginn des Ausweises). Ein Probelauf zeigt jede Zeile, bevor etwas gesendet wird.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>%1 badge(s) expire within %2 days; %3 temporary code(s) end today.</source>
        <translation>Ausweise mit Ablauf innerhalb von %2 Tagen: %1; heute endende temporäre Codes: %3.</translation>
    </message>
    <message numerus="yes">
        <source>Extend %n badge(s)…</source>
        <translation>
            <numerusform>%n Ausweis verlängern…</numerusform>
            <numerusform>%n Ausweise verlängern…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExtendExpiryDialog</name>
    <message>
        <source>The badge currently expires on %1. The printed badge keeps working: no need to reprint. A badge can be valid for at most 395 days after it started (%2).</source>
        <translation>Der Ausweis läuft derzeit am %1 ab. Der gedruckte Ausweis funktioniert weiter: kein Neudruck nötig. Ein Ausweis kann höchstens 395 Tage ab seinem Beginn gültig sein (%2).</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>This badge expired on %1. If Microsoft issues a new code instead of extending it, the new badge is shown here to print.</source>
        <translation>Dieser Ausweis ist am %1 abgelaufen. Wenn Microsoft statt einer Verlängerung einen neuen Code ausstellt, wird der neue Ausweis hier zum Drucken angezeigt.</translation>
    </message>
    <message>
        <source>There is no badge right now. Microsoft issues a new code, shown here to print.</source>
        <translation>Derzeit gibt es keinen Ausweis. Microsoft stellt einen neuen Code aus, der hier zum Drucken angezeigt wird.</translation>
    </message>
    <message>
        <source>Extend expiry</source>
        <translation>Gültigkeit verlängern</translation>
    </message>
    <message>
        <source>Extend the badge of %1</source>
        <translation>Ausweis von %1 verlängern</translation>
    </message>
    <message>
        <source>New expiry date:</source>
        <translation>Neues Ablaufdatum:</translation>
    </message>
    <message>
        <source>&amp;Extend</source>
        <translation>&amp;Verlängern</translation>
    </message>
    <message>
        <source>This badge has expired and Microsoft would not extend it. Issue a new badge instead (Person › New badge…); %1 keeps their PIN.</source>
        <translation>Dieser Ausweis ist abgelaufen, und Microsoft verlängert ihn nicht. Stellen Sie stattdessen einen neuen Ausweis aus (Person › Neuer Ausweis…); %1 behält die PIN.</translation>
    </message>
    <message>
        <source>Done: the badge now expires on %1. No need to reprint.</source>
        <translation>Erledigt: Der Ausweis läuft jetzt am %1 ab. Kein Neudruck nötig.</translation>
    </message>
    <message>
        <source>Microsoft issued a new badge for %1</source>
        <translation>Microsoft hat einen neuen Ausweis für %1 ausgestellt</translation>
    </message>
    <message>
        <source>The old code could not be extended (it had expired or was gone), so Microsoft issued a new one. The old printed badge does not work: print or save this one now, it is shown only this once.</source>
        <translation>Der alte Code konnte nicht verlängert werden (er war abgelaufen oder nicht mehr vorhanden), daher hat Microsoft einen neuen ausgestellt. Der alte gedruckte Ausweis funktioniert nicht: Drucken oder speichern Sie diesen jetzt, er wird nur dieses eine Mal angezeigt.</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Search name, user name or department (Ctrl+F)</source>
        <translation>Name, Benutzername oder Abteilung suchen (Strg+F)</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suche</translation>
    </message>
    <message numerus="yes">
        <source>Expiring within %n day(s)</source>
        <translation>
            <numerusform>Läuft binnen %n Tag ab</numerusform>
            <numerusform>Läuft binnen %n Tagen ab</numerusform>
        </translation>
    </message>
    <message>
        <source>Filter: %1</source>
        <translation>Filter: %1</translation>
    </message>
    <message>
        <source>Show only people with this status (click again to show everyone)</source>
        <translation>Nur Personen mit diesem Status zeigen (erneut klicken zeigt alle)</translation>
    </message>
    <message>
        <source>People shown</source>
        <translation>Angezeigte Personen</translation>
    </message>
    <message numerus="yes">
        <source>%n people</source>
        <translation>
            <numerusform>%n Person</numerusform>
            <numerusform>%n Personen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 people</source>
        <translation>%1 von %2 Personen</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Welcome to QR PIN Manager</source>
        <translation>Willkommen bei QR PIN Manager</translation>
    </message>
    <message>
        <source>QR PIN Manager needs to know your organisation&apos;s Microsoft Entra tenant and the app registration your IT admin created for it.

You can also explore the app with the built-in demo tenant first: it needs no Microsoft account and changes nothing real.</source>
        <translation>QR PIN Manager muss den Microsoft Entra-Mandanten Ihrer Organisation und die App-Registrierung kennen, die Ihre IT-Abteilung dafür angelegt hat.

Sie können die App auch zuerst mit dem eingebauten Demo-Mandanten ausprobieren: Er braucht kein Microsoft-Konto und ändert nichts Echtes.</translation>
    </message>
    <message>
        <source>Open the demo tenant</source>
        <translation>Demo-Mandanten öffnen</translation>
    </message>
    <message>
        <source>Configure a tenant…</source>
        <translation>Mandanten einrichten…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
</context>
<context>
    <name>FullScreenQr</name>
    <message>
        <source>Temporary code, valid until %1</source>
        <translation>Temporärer Code, gültig bis %1</translation>
    </message>
    <message>
        <source>Temporary code</source>
        <translation>Temporärer Code</translation>
    </message>
    <message>
        <source>Scan this with the store device&apos;s camera, then enter the PIN. Press Esc to close.</source>
        <translation>Scannen Sie dies mit der Kamera des Filialgeräts und geben Sie dann die PIN ein. Esc schließt.</translation>
    </message>
    <message>
        <source>Temporary code for %1</source>
        <translation>Temporärer Code für %1</translation>
    </message>
</context>
<context>
    <name>GraphMessages</name>
    <message>
        <source>Microsoft could not be reached. Check the network connection; the last saved list stays available.</source>
        <translation>Microsoft ist nicht erreichbar. Prüfen Sie die Netzwerkverbindung; die zuletzt gespeicherte Liste bleibt verfügbar.</translation>
    </message>
    <message>
        <source>Microsoft did not answer in time. Please try again in a moment. (Request id: {request_id})</source>
        <translation>Microsoft hat nicht rechtzeitig geantwortet. Bitte versuchen Sie es gleich noch einmal. (Anfrage-ID: {request_id})</translation>
    </message>
    <message>
        <source>The connection dropped after the request to {action} was sent, so it is not known whether Microsoft carried it out. Refresh {person} and check before trying again. (Request id: {request_id})</source>
        <translation>Die Verbindung brach ab, nachdem die Anfrage ({action}) gesendet war. Daher ist unklar, ob Microsoft sie ausgeführt hat. Aktualisieren Sie {person} und prüfen Sie das Ergebnis, bevor Sie es erneut versuchen. (Anfrage-ID: {request_id})</translation>
    </message>
    <message>
        <source>Microsoft is limiting how fast this app may work right now. Please try again in {seconds} seconds.</source>
        <translation>Microsoft begrenzt gerade, wie schnell diese App arbeiten darf. Bitte versuchen Sie es in {seconds} Sekunden erneut.</translation>
    </message>
    <message>
        <source>Your sign-in is no longer valid. Please sign in again.</source>
        <translation>Ihre Anmeldung ist nicht mehr gültig. Bitte melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>Microsoft asks you to confirm your sign-in again (for example with MFA) before this can be done. Please sign in again and retry.</source>
        <translation>Microsoft verlangt, dass Sie Ihre Anmeldung erneut bestätigen (zum Beispiel mit MFA), bevor dies möglich ist. Bitte melden Sie sich erneut an und versuchen Sie es noch einmal.</translation>
    </message>
    <message>
        <source>Your organisation has not yet allowed this app to do this. An administrator of your organisation must grant consent for: {scopes}.</source>
        <translation>Ihre Organisation hat dieser App das noch nicht erlaubt. Eine Administratorin oder ein Administrator Ihrer Organisation muss zustimmen für: {scopes}.</translation>
    </message>
    <message>
        <source>You cannot {action} for {person}: {person} holds an administrator role. Only a Privileged Authentication Administrator may manage QR sign-in for administrators; please ask your IT department.</source>
        <translation>Sie können für {person} nicht: {action}. {person} hat eine Administratorrolle. Nur ein Privilegierter Authentifizierungsadministrator darf die QR-Anmeldung von Administratoren verwalten; bitte wenden Sie sich an Ihre IT-Abteilung.</translation>
    </message>
    <message>
        <source>You cannot {action} for {person}: {person} is not a member of any store you manage. Your Authentication Administrator role applies only to the people in your stores.</source>
        <translation>Sie können für {person} nicht: {action}. {person} gehört zu keiner Filiale, die Sie verwalten. Ihre Rolle als Authentifizierungsadministrator gilt nur für die Personen in Ihren Filialen.</translation>
    </message>
    <message>
        <source>You cannot {action} for {person}: your role (Global Reader) may only look, not change anything. Changing QR sign-in needs the Authentication Administrator role.</source>
        <translation>Sie können für {person} nicht: {action}. Ihre Rolle (Globaler Leser) darf nur ansehen, nichts ändern. Zum Ändern der QR-Anmeldung ist die Rolle Authentifizierungsadministrator nötig.</translation>
    </message>
    <message>
        <source>You cannot {action} for {person}: your account has no role for QR sign-in. You need the Authentication Administrator role for {person}&apos;s store (or for the whole organisation).</source>
        <translation>Sie können für {person} nicht: {action}. Ihr Konto hat keine Rolle für die QR-Anmeldung. Sie brauchen die Rolle Authentifizierungsadministrator für die Filiale von {person} (oder für die ganze Organisation).</translation>
    </message>
    <message>
        <source>Microsoft refused to let you {action} for {person}. Managing QR sign-in needs the Authentication Administrator role for the person&apos;s store, and the Privileged Authentication Administrator role if the person is an administrator. (Code: {code}, request id: {request_id})</source>
        <translation>Microsoft hat Ihnen verweigert, für {person} Folgendes zu tun: {action}. Zum Verwalten der QR-Anmeldung ist die Rolle Authentifizierungsadministrator für die Filiale der Person nötig, und die Rolle Privilegierter Authentifizierungsadministrator, wenn die Person Administrator ist. (Code: {code}, Anfrage-ID: {request_id})</translation>
    </message>
    <message>
        <source>{person} has no QR sign-in yet.</source>
        <translation>{person} hat noch keine QR-Anmeldung.</translation>
    </message>
    <message>
        <source>{person} was not found in your organisation&apos;s directory any more.</source>
        <translation>{person} wurde im Verzeichnis Ihrer Organisation nicht mehr gefunden.</translation>
    </message>
    <message>
        <source>Your organisation&apos;s QR sign-in settings could not be read, so the standard settings are assumed: PINs of at least 8 digits, badges valid for 365 days.</source>
        <translation>Die Einstellungen Ihrer Organisation zur QR-Anmeldung konnten nicht gelesen werden. Daher gelten die Standardwerte: PINs mit mindestens 8 Ziffern, Ausweise 365 Tage gültig.</translation>
    </message>
    <message>
        <source>Microsoft carried out the request to {action} for {person}, but its answer could not be read, so its result (for example a new PIN or badge) is lost. Refresh {person}; if needed, do it again. (Request id: {request_id})</source>
        <translation>Microsoft hat die Anfrage ({action}) für {person} ausgeführt, aber die Antwort war nicht lesbar. Das Ergebnis (zum Beispiel eine neue PIN oder ein Ausweis) ist daher verloren. Aktualisieren Sie {person} und wiederholen Sie es bei Bedarf. (Anfrage-ID: {request_id})</translation>
    </message>
    <message>
        <source>Microsoft sent an answer that could not be read. Please try again. (Request id: {request_id})</source>
        <translation>Microsoft hat eine unlesbare Antwort gesendet. Bitte versuchen Sie es erneut. (Anfrage-ID: {request_id})</translation>
    </message>
    <message>
        <source>Rejected by Microsoft Graph: {code} (HTTP {status}, request id: {request_id}).</source>
        <translation>Von Microsoft Graph abgelehnt: {code} (HTTP {status}, Anfrage-ID: {request_id}).</translation>
    </message>
    <message>
        <source>this person</source>
        <translation>diese Person</translation>
    </message>
    <message>
        <source>do this</source>
        <translation>dies tun</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>nicht angegeben</translation>
    </message>
    <message>
        <source>manage QR sign-in</source>
        <translation>die QR-Anmeldung verwalten</translation>
    </message>
</context>
<context>
    <name>IssuedCodeView</name>
    <message>
        <source>Show &amp;full screen</source>
        <translation>Im &amp;Vollbild zeigen</translation>
    </message>
    <message>
        <source>Show the code on this screen for the store device&apos;s camera</source>
        <translation>Den Code auf diesem Bildschirm für die Kamera des Filialgeräts anzeigen</translation>
    </message>
    <message>
        <source>&amp;Print badge…</source>
        <translation>Ausweis &amp;drucken…</translation>
    </message>
    <message>
        <source>Save badge as P&amp;DF…</source>
        <translation>Ausweis als P&amp;DF speichern…</translation>
    </message>
    <message>
        <source>First PIN (shown once):</source>
        <translation>Erste PIN (wird einmal angezeigt):</translation>
    </message>
</context>
<context>
    <name>MainStatusBar</name>
    <message>
        <source>Data age</source>
        <translation>Alter der Daten</translation>
    </message>
    <message>
        <source>Saved roster · %1</source>
        <translation>Gespeicherte Liste · %1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>QR PIN Manager</source>
        <translation>QR PIN Manager</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Load the roster again from Microsoft (F5)</source>
        <translation>Die Liste erneut von Microsoft laden (F5)</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;Suchen…</translation>
    </message>
    <message>
        <source>&amp;Check status</source>
        <translation>Status &amp;prüfen</translation>
    </message>
    <message>
        <source>Check QR sign-in status of the selected people, or of the people listed</source>
        <translation>QR-Anmeldestatus der ausgewählten oder der angezeigten Personen prüfen</translation>
    </message>
    <message>
        <source>&amp;Export view as CSV…</source>
        <translation>Ansicht als CSV &amp;exportieren…</translation>
    </message>
    <message>
        <source>Save the people listed, as shown, to a CSV file</source>
        <translation>Die angezeigten Personen so wie dargestellt in eine CSV-Datei speichern</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Sign &amp;in</source>
        <translation>&amp;Anmelden</translation>
    </message>
    <message>
        <source>S&amp;witch account…</source>
        <translation>Konto &amp;wechseln…</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>A&amp;bmelden</translation>
    </message>
    <message>
        <source>Try to &amp;reconnect</source>
        <translation>Erneut &amp;verbinden</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>Show &amp;details</source>
        <translation>&amp;Details anzeigen</translation>
    </message>
    <message>
        <source>Follow the &amp;system</source>
        <translation>Wie das &amp;System</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Hell</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Dunkel</translation>
    </message>
    <message>
        <source>&amp;About QR PIN Manager</source>
        <translation>Ü&amp;ber QR PIN Manager</translation>
    </message>
    <message>
        <source>&amp;Bulk actions…</source>
        <translation>&amp;Sammelaktionen…</translation>
    </message>
    <message>
        <source>Expiry &amp;radar…</source>
        <translation>Ablauf-&amp;Radar…</translation>
    </message>
    <message>
        <source>&amp;Store:</source>
        <translation>&amp;Filiale:</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Refresh the roster</source>
        <translation>Liste aktualisieren</translation>
    </message>
    <message>
        <source>Check status</source>
        <translation>Status prüfen</translation>
    </message>
    <message>
        <source>Check QR status</source>
        <translation>QR-Status prüfen</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV exportieren…</translation>
    </message>
    <message>
        <source>Export the view as CSV</source>
        <translation>Ansicht als CSV exportieren</translation>
    </message>
    <message>
        <source>Offline notice</source>
        <translation>Offline-Hinweis</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <source>Staff roster</source>
        <translation>Mitarbeiterliste</translation>
    </message>
    <message>
        <source>QR PIN Manager is locked because nobody used it for a while.</source>
        <translation>QR PIN Manager ist gesperrt, weil ihn eine Weile niemand benutzt hat.</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Gesperrt</translation>
    </message>
    <message>
        <source>Unlock (sign in again)</source>
        <translation>Entsperren (erneut anmelden)</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Entsperren</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Roster</source>
        <translation>&amp;Liste</translation>
    </message>
    <message>
        <source>&amp;Person</source>
        <translation>&amp;Person</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Colour scheme</source>
        <translation>&amp;Farbschema</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>&amp;Konto</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>The file could not be saved: %1</source>
        <translation>Die Datei konnte nicht gespeichert werden: %1</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n people to %1</source>
        <translation>
            <numerusform>%n Person in %1 gespeichert</numerusform>
            <numerusform>%n Personen in %1 gespeichert</numerusform>
        </translation>
    </message>
    <message>
        <source>Loading cancelled; the rows loaded so far are shown.</source>
        <translation>Laden abgebrochen; die bisher geladenen Zeilen werden angezeigt.</translation>
    </message>
    <message>
        <source>Try again now</source>
        <translation>Jetzt erneut versuchen</translation>
    </message>
    <message>
        <source>Try to reconnect now</source>
        <translation>Jetzt erneut verbinden</translation>
    </message>
    <message>
        <source>Offline: changes are disabled until the connection is back.</source>
        <translation>Offline: Änderungen sind deaktiviert, bis die Verbindung wieder besteht.</translation>
    </message>
    <message>
        <source>Bulk actions need a sign-in to be set up first.</source>
        <translation>Für Sammelaktionen muss zuerst eine Anmeldung eingerichtet werden.</translation>
    </message>
    <message>
        <source>Offline: bulk actions are disabled until the connection is back.</source>
        <translation>Offline: Sammelaktionen sind deaktiviert, bis die Verbindung wieder besteht.</translation>
    </message>
    <message>
        <source>Sign in to use bulk actions.</source>
        <translation>Melden Sie sich an, um Sammelaktionen zu verwenden.</translation>
    </message>
    <message>
        <source>The expiry radar needs a sign-in to be set up first.</source>
        <translation>Für das Ablauf-Radar muss zuerst eine Anmeldung eingerichtet werden.</translation>
    </message>
    <message>
        <source>The expiry radar needs a roster: load your staff list first.</source>
        <translation>Das Ablauf-Radar braucht eine Liste: Laden Sie zuerst Ihre Mitarbeiterliste.</translation>
    </message>
    <message>
        <source>Bulk actions</source>
        <translation>Sammelaktionen</translation>
    </message>
    <message>
        <source>Expiry radar</source>
        <translation>Ablauf-Radar</translation>
    </message>
</context>
<context>
    <name>PendingBadges</name>
    <message>
        <source>Badge</source>
        <translation>Ausweis</translation>
    </message>
    <message>
        <source>Temporary code</source>
        <translation>Temporärer Code</translation>
    </message>
    <message>
        <source>First PIN</source>
        <translation>Erste PIN</translation>
    </message>
    <message>
        <source>New PIN</source>
        <translation>Neue PIN</translation>
    </message>
    <message>
        <source>&amp;Replace badge…</source>
        <translation>Ausweis &amp;ersetzen…</translation>
    </message>
    <message>
        <source>New &amp;temporary code…</source>
        <translation>Neuer &amp;temporärer Code…</translation>
    </message>
    <message>
        <source>Reset &amp;PIN…</source>
        <translation>&amp;PIN zurücksetzen…</translation>
    </message>
    <message numerus="yes">
        <source>%n badges or PINs were issued but never printed or saved.</source>
        <translation>
            <numerusform>%n Ausweis oder PIN wurde ausgestellt, aber nie gedruckt oder gespeichert.</numerusform>
            <numerusform>%n Ausweise oder PINs wurden ausgestellt, aber nie gedruckt oder gespeichert.</numerusform>
        </translation>
    </message>
    <message>
        <source>This temporary code has expired by now. Mark it as handled.</source>
        <translation>Dieser temporäre Code ist inzwischen abgelaufen. Markieren Sie ihn als erledigt.</translation>
    </message>
    <message>
        <source>This person is not in the list shown. Choose their store, then try again.</source>
        <translation>Diese Person ist nicht in der angezeigten Liste. Wählen Sie ihre Filiale und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>Unprinted badges and PINs</source>
        <translation>Nicht gedruckte Ausweise und PINs</translation>
    </message>
    <message>
        <source>These were issued but never printed or saved, so the person may have no badge or PIN slip. The code cannot be shown again: give them a new one, or mark the entry as handled if they already have what they need.</source>
        <translation>Diese wurden ausgestellt, aber nie gedruckt oder gespeichert; die Person hat also womöglich keinen Ausweis oder PIN-Zettel. Der Code kann nicht erneut angezeigt werden: Stellen Sie einen neuen aus oder markieren Sie den Eintrag als erledigt, wenn die Person bereits hat, was sie braucht.</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Ausgestellt</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>&amp;Mark as handled</source>
        <translation>Als erledigt &amp;markieren</translation>
    </message>
    <message>
        <source>Remove the entry from this list; nothing is sent to Microsoft</source>
        <translation>Den Eintrag aus dieser Liste entfernen; es wird nichts an Microsoft gesendet</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Nothing left: every badge and PIN was printed, saved or handled.</source>
        <translation>Nichts mehr offen: Jeder Ausweis und jede PIN wurde gedruckt, gespeichert oder erledigt.</translation>
    </message>
    <message>
        <source>Unprinted badges notice</source>
        <translation>Hinweis auf nicht gedruckte Ausweise</translation>
    </message>
    <message>
        <source>&amp;Unprinted badges…</source>
        <translation>&amp;Nicht gedruckte Ausweise…</translation>
    </message>
    <message>
        <source>Badges and PINs issued but never printed or saved</source>
        <translation>Ausgestellte, aber nie gedruckte oder gespeicherte Ausweise und PINs</translation>
    </message>
    <message>
        <source>Review…</source>
        <translation>Ansehen…</translation>
    </message>
</context>
<context>
    <name>PinDialogs</name>
    <message>
        <source>Change my &amp;PIN…</source>
        <translation>Meine &amp;PIN ändern…</translation>
    </message>
    <message>
        <source>Change the PIN you use with your own QR badge</source>
        <translation>Die PIN Ihres eigenen QR-Ausweises ändern</translation>
    </message>
    <message>
        <source>Offline: the PIN cannot be changed until the connection is back.</source>
        <translation>Offline: Die PIN kann erst geändert werden, wenn die Verbindung wieder besteht.</translation>
    </message>
</context>
<context>
    <name>PinMessages</name>
    <message>
        <source>%1 already has QR sign-in.</source>
        <translation>%1 hat bereits eine QR-Anmeldung.</translation>
    </message>
    <message>
        <source>%1 has no QR sign-in yet, so there is no PIN to reset. Set up QR sign-in for them first (Person › Set up QR sign-in…).</source>
        <translation>%1 hat noch keine QR-Anmeldung, daher gibt es keine PIN zum Zurücksetzen. Richten Sie zuerst die QR-Anmeldung ein (Person › QR-Anmeldung einrichten…).</translation>
    </message>
    <message>
        <source>A temporary code is already live. Delete it first to issue a new one.</source>
        <translation>Es ist bereits ein temporärer Code aktiv. Löschen Sie ihn zuerst, um einen neuen auszustellen.</translation>
    </message>
    <message>
        <source>Do not include 0123456789 or 9876543210.</source>
        <translation>Verwenden Sie nicht 0123456789 oder 9876543210.</translation>
    </message>
    <message>
        <source>Do not repeat one group of 2 or 3 digits (like 121212 or 342342).</source>
        <translation>Wiederholen Sie keine Gruppe aus 2 oder 3 Ziffern (wie 121212 oder 342342).</translation>
    </message>
    <message>
        <source>Microsoft did not accept the new PIN. Choose another one: only digits, at least %1, no 0123456789 and no repeated group of 2 or 3 digits.</source>
        <translation>Microsoft hat die neue PIN nicht akzeptiert. Wählen Sie eine andere: nur Ziffern, mindestens %1, kein 0123456789 und keine wiederholte Gruppe aus 2 oder 3 Ziffern.</translation>
    </message>
    <message>
        <source>Offline: changes are disabled until the connection is back.</source>
        <translation>Offline: Änderungen sind deaktiviert, bis die Verbindung wieder besteht.</translation>
    </message>
    <message>
        <source>Sign in first.</source>
        <translation>Melden Sie sich zuerst an.</translation>
    </message>
    <message>
        <source>Stopped waiting for Microsoft. If the request had already arrived it may still have been carried out: use Check status to find out.</source>
        <translation>Das Warten auf Microsoft wurde beendet. Falls die Anfrage bereits angekommen war, wurde sie möglicherweise trotzdem ausgeführt: Verwenden Sie „Status prüfen“, um es herauszufinden.</translation>
    </message>
    <message>
        <source>That QR code is already gone.</source>
        <translation>Dieser QR-Code ist bereits gelöscht.</translation>
    </message>
    <message>
        <source>That validity is not allowed: a badge is valid for 1 to 395 days, a temporary code for 1 to 12 hours.</source>
        <translation>Diese Gültigkeit ist nicht erlaubt: Ein Ausweis gilt 1 bis 395 Tage, ein temporärer Code 1 bis 12 Stunden.</translation>
    </message>
    <message>
        <source>The connection dropped after the request to %1 was sent, so it is not known whether Microsoft carried it out. Use Check status to find out; nothing is sent again by itself.</source>
        <translation>Die Verbindung brach ab, nachdem die Anfrage (%1) gesendet war. Daher ist unklar, ob Microsoft sie ausgeführt hat. Verwenden Sie „Status prüfen“, um es herauszufinden; es wird nichts von selbst erneut gesendet.</translation>
    </message>
    <message>
        <source>The current PIN is not correct. Type it again.</source>
        <translation>Die aktuelle PIN ist nicht richtig. Geben Sie sie erneut ein.</translation>
    </message>
    <message>
        <source>The new PIN must be different from the current PIN.</source>
        <translation>Die neue PIN muss sich von der aktuellen PIN unterscheiden.</translation>
    </message>
    <message>
        <source>The start cannot be in the past.</source>
        <translation>Der Beginn darf nicht in der Vergangenheit liegen.</translation>
    </message>
    <message>
        <source>This PIN is not allowed:</source>
        <translation>Diese PIN ist nicht erlaubt:</translation>
    </message>
    <message>
        <source>This did not work. Please try again.</source>
        <translation>Das hat nicht geklappt. Bitte versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Use at least %1 digits.</source>
        <translation>Verwenden Sie mindestens %1 Ziffern.</translation>
    </message>
    <message>
        <source>Use at most %1 digits.</source>
        <translation>Verwenden Sie höchstens %1 Ziffern.</translation>
    </message>
    <message>
        <source>Use only the digits 0 to 9.</source>
        <translation>Verwenden Sie nur die Ziffern 0 bis 9.</translation>
    </message>
    <message>
        <source>You have no QR sign-in yet, so there is no PIN to change. Ask your manager to set up QR sign-in for you.</source>
        <translation>Sie haben noch keine QR-Anmeldung, daher gibt es keine PIN zum Ändern. Bitten Sie Ihre Filialleitung, die QR-Anmeldung für Sie einzurichten.</translation>
    </message>
    <message>
        <source>Your account is not allowed to change its PIN with this app: the permission &apos;Directory.AccessAsUser.All&apos; is missing. Ask your IT admin.</source>
        <translation>Ihr Konto darf seine PIN nicht mit dieser App ändern: Die Berechtigung „Directory.AccessAsUser.All“ fehlt. Wenden Sie sich an Ihre IT-Abteilung.</translation>
    </message>
    <message>
        <source>this person</source>
        <translation>diese Person</translation>
    </message>
</context>
<context>
    <name>PinSlip</name>
    <message>
        <source>Issued %1. Destroy this slip after use.</source>
        <translation>Ausgestellt am %1. Vernichten Sie diesen Zettel nach Gebrauch.</translation>
    </message>
    <message>
        <source>Keep this PIN private.</source>
        <translation>Geben Sie diese PIN nicht weiter.</translation>
    </message>
    <message>
        <source>PIN slip</source>
        <translation>PIN-Zettel</translation>
    </message>
    <message>
        <source>QR sign-in PIN</source>
        <translation>PIN für die QR-Anmeldung</translation>
    </message>
    <message>
        <source>Store: %1</source>
        <translation>Filiale: %1</translation>
    </message>
    <message>
        <source>Temporary PIN: you must choose a new PIN at your next sign-in.</source>
        <translation>Vorläufige PIN: Bei der nächsten Anmeldung müssen Sie eine neue PIN wählen.</translation>
    </message>
</context>
<context>
    <name>PlanTableModel</name>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Ready (note)</source>
        <translation>Bereit (Hinweis)</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Entfällt</translation>
    </message>
    <message>
        <source>Skipped by you</source>
        <translation>Von Ihnen übersprungen</translation>
    </message>
    <message>
        <source>New expiry: %1</source>
        <translation>Neues Ablaufdatum: %1</translation>
    </message>
    <message>
        <source>Until %1</source>
        <translation>Bis %1</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
</context>
<context>
    <name>QrActionDialog</name>
    <message>
        <source>Waiting for Microsoft</source>
        <translation>Warten auf Microsoft</translation>
    </message>
    <message>
        <source>Check &amp;status</source>
        <translation>&amp;Status prüfen</translation>
    </message>
    <message>
        <source>Read this person&apos;s QR sign-in again (sends no change)</source>
        <translation>Die QR-Anmeldung dieser Person erneut lesen (ändert nichts)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Offline: changes are disabled until the connection is back.</source>
        <translation>Offline: Änderungen sind deaktiviert, bis die Verbindung wieder besteht.</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>Erledigt.</translation>
    </message>
    <message>
        <source>New badge for %1</source>
        <translation>Neuer Ausweis für %1</translation>
    </message>
    <message>
        <source>Print it or save it as PDF now: the code is shown only this once and cannot be fetched again.</source>
        <translation>Drucken Sie ihn jetzt oder speichern Sie ihn als PDF: Der Code wird nur dieses eine Mal angezeigt und kann nicht erneut abgerufen werden.</translation>
    </message>
    <message>
        <source>The code was shown full screen. While this window is open you can show it again, print it or save it.</source>
        <translation>Der Code wurde im Vollbild angezeigt. Solange dieses Fenster offen ist, können Sie ihn erneut anzeigen, drucken oder speichern.</translation>
    </message>
    <message>
        <source>Save badge as PDF</source>
        <translation>Ausweis als PDF speichern</translation>
    </message>
    <message>
        <source>The badge went to the printer.</source>
        <translation>Der Ausweis wurde an den Drucker gesendet.</translation>
    </message>
    <message>
        <source>The badge was saved as PDF.</source>
        <translation>Der Ausweis wurde als PDF gespeichert.</translation>
    </message>
    <message>
        <source>Shown full screen. Press Esc to close it.</source>
        <translation>Im Vollbild angezeigt. Esc schließt die Anzeige.</translation>
    </message>
    <message>
        <source>Checked: Microsoft carried it out, but its answer (with the one-time code) was lost. If a new code was issued it cannot be shown: issue a new badge to print one.</source>
        <translation>Geprüft: Microsoft hat es ausgeführt, aber die Antwort (mit dem einmaligen Code) ging verloren. Falls ein neuer Code ausgestellt wurde, kann er nicht angezeigt werden: Stellen Sie einen neuen Ausweis aus, um einen zu drucken.</translation>
    </message>
    <message>
        <source>Checked: nothing was changed. You can try again.</source>
        <translation>Geprüft: Es wurde nichts geändert. Sie können es erneut versuchen.</translation>
    </message>
    <message>
        <source>Checked, but it cannot be told whether the change was made.</source>
        <translation>Geprüft, aber es lässt sich nicht feststellen, ob die Änderung vorgenommen wurde.</translation>
    </message>
    <message>
        <source>Try &amp;again</source>
        <translation>Erneut &amp;versuchen</translation>
    </message>
    <message>
        <source>Close without printing?</source>
        <translation>Schließen, ohne zu drucken?</translation>
    </message>
    <message>
        <source>The code has not been printed or saved. It cannot be shown again; you would have to replace it.</source>
        <translation>Der Code wurde weder gedruckt noch gespeichert. Er kann nicht erneut angezeigt werden; Sie müssten ihn ersetzen.</translation>
    </message>
    <message>
        <source>Close and forget the code</source>
        <translation>Schließen und Code verwerfen</translation>
    </message>
</context>
<context>
    <name>QrDialogs</name>
    <message>
        <source>Default %1 days (tenant default assumed: the policy could not be read).</source>
        <translation>Standard: %1 Tage (Standard des Mandanten angenommen: die Richtlinie konnte nicht gelesen werden).</translation>
    </message>
    <message>
        <source>Default %1 days (your organisation&apos;s policy).</source>
        <translation>Standard: %1 Tage (Richtlinie Ihrer Organisation).</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-Dateien (*.pdf)</translation>
    </message>
    <message>
        <source>Go back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>The printer could not be used.</source>
        <translation>Der Drucker konnte nicht verwendet werden.</translation>
    </message>
    <message>
        <source>The PDF could not be saved there.</source>
        <translation>Das PDF konnte dort nicht gespeichert werden.</translation>
    </message>
    <message>
        <source>Cancelled: nothing was sent.</source>
        <translation>Abgebrochen: Es wurde nichts gesendet.</translation>
    </message>
    <message>
        <source>PIN slip</source>
        <translation>PIN-Zettel</translation>
    </message>
    <message>
        <source>Save PIN slip</source>
        <translation>PIN-Zettel speichern</translation>
    </message>
    <message>
        <source>PIN copied. The clipboard is cleared after a minute.</source>
        <translation>PIN kopiert. Die Zwischenablage wird nach einer Minute geleert.</translation>
    </message>
    <message>
        <source>The PIN slip is ready.</source>
        <translation>Der PIN-Zettel ist fertig.</translation>
    </message>
</context>
<context>
    <name>RadarModel</name>
    <message>
        <source>Badge expires</source>
        <translation>Ausweis läuft ab</translation>
    </message>
    <message>
        <source>Temporary code ends today</source>
        <translation>Temporärer Code endet heute</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n Tag</numerusform>
            <numerusform>%n Tage</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n Stunde</numerusform>
            <numerusform>%n Stunden</numerusform>
        </translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>Endet</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>Verbleibend</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Was</translation>
    </message>
</context>
<context>
    <name>Readiness</name>
    <message>
        <source>A temporary code covers today.</source>
        <translation>Ein temporärer Code deckt heute ab.</translation>
    </message>
    <message>
        <source>Ask IT to add this person to the QR sign-in groups.</source>
        <translation>Bitten Sie Ihre IT-Abteilung, diese Person in die Gruppen für die QR-Anmeldung aufzunehmen.</translation>
    </message>
    <message>
        <source>Ask IT to enable the account.</source>
        <translation>Bitten Sie Ihre IT-Abteilung, das Konto zu aktivieren.</translation>
    </message>
    <message>
        <source>Ask IT to turn on the QR code + PIN method.</source>
        <translation>Bitten Sie Ihre IT-Abteilung, die Methode QR-Code + PIN einzuschalten.</translation>
    </message>
    <message>
        <source>Issue a new badge (&apos;New badge&apos;) and print it.</source>
        <translation>Stellen Sie einen neuen Ausweis aus („Neuer Ausweis“) und drucken Sie ihn.</translation>
    </message>
    <message>
        <source>Issue a temporary code for this shift.</source>
        <translation>Stellen Sie einen temporären Code für diese Schicht aus.</translation>
    </message>
    <message>
        <source>No QR sign-in set up.</source>
        <translation>Keine QR-Anmeldung eingerichtet.</translation>
    </message>
    <message>
        <source>No badge (standard code).</source>
        <translation>Kein Ausweis (Standardcode).</translation>
    </message>
    <message>
        <source>QR code sign-in is turned off for the whole organisation.</source>
        <translation>Die Anmeldung per QR-Code ist für die gesamte Organisation ausgeschaltet.</translation>
    </message>
    <message>
        <source>Select this person and use Check status (Ctrl+K).</source>
        <translation>Wählen Sie diese Person und verwenden Sie „Status prüfen“ (Strg+K).</translation>
    </message>
    <message>
        <source>Set up on %1 and never used yet.</source>
        <translation>Am %1 eingerichtet und noch nie verwendet.</translation>
    </message>
    <message>
        <source>Tell the worker to have a new PIN ready (8+ digits) for their first sign-in.</source>
        <translation>Sagen Sie der Person, dass sie für die erste Anmeldung eine neue PIN (mindestens 8 Ziffern) bereithalten soll.</translation>
    </message>
    <message>
        <source>The PIN is temporary: a new PIN must be chosen at sign-in.</source>
        <translation>Die PIN ist vorläufig: Bei der Anmeldung muss eine neue PIN gewählt werden.</translation>
    </message>
    <message>
        <source>The QR sign-in status is not known.</source>
        <translation>Der Status der QR-Anmeldung ist nicht bekannt.</translation>
    </message>
    <message>
        <source>The account is disabled.</source>
        <translation>Das Konto ist deaktiviert.</translation>
    </message>
    <message>
        <source>The badge expired on %1.</source>
        <translation>Der Ausweis ist am %1 abgelaufen.</translation>
    </message>
    <message>
        <source>The badge is forgotten and no temporary code is live.</source>
        <translation>Der Ausweis wurde vergessen, und kein temporärer Code ist aktiv.</translation>
    </message>
    <message>
        <source>The badge only works from %1.</source>
        <translation>Der Ausweis gilt erst ab %1.</translation>
    </message>
    <message>
        <source>The worker must first sign in once with another method (e.g. password), or the QR code shows &apos;Incorrect QR code&apos;.</source>
        <translation>Die Person muss sich zuerst einmal mit einer anderen Methode anmelden (z. B. mit dem Kennwort), sonst meldet der QR-Code „Falscher QR-Code“.</translation>
    </message>
    <message>
        <source>This person is not among the people QR sign-in is enabled for.</source>
        <translation>Diese Person gehört nicht zu den Personen, für die die QR-Anmeldung aktiviert ist.</translation>
    </message>
    <message>
        <source>Use &apos;Set up QR sign-in&apos; and print the badge.</source>
        <translation>Verwenden Sie „QR-Anmeldung einrichten“ und drucken Sie den Ausweis.</translation>
    </message>
    <message>
        <source>Wait until then, or issue a temporary code for today.</source>
        <translation>Warten Sie bis dahin oder stellen Sie für heute einen temporären Code aus.</translation>
    </message>
</context>
<context>
    <name>ReadinessView</name>
    <message>
        <source>Ready for QR sign-in?</source>
        <translation>Bereit für die QR-Anmeldung?</translation>
    </message>
    <message>
        <source>Sign-in readiness</source>
        <translation>Anmeldebereitschaft</translation>
    </message>
    <message>
        <source>✔ Ready: nothing known stops QR sign-in today.</source>
        <translation>✔ Bereit: Nichts Bekanntes verhindert heute die QR-Anmeldung.</translation>
    </message>
    <message>
        <source>Not ready: QR sign-in would fail today.</source>
        <translation>Nicht bereit: Die QR-Anmeldung würde heute fehlschlagen.</translation>
    </message>
    <message>
        <source>Ready, with something to know:</source>
        <translation>Bereit, aber beachten Sie:</translation>
    </message>
    <message>
        <source>Cannot tell yet.</source>
        <translation>Noch nicht feststellbar.</translation>
    </message>
    <message>
        <source>The tenant policy could not be read: whether the method is on and who it targets was not checked.</source>
        <translation>Die Richtlinie des Mandanten konnte nicht gelesen werden: Ob die Methode eingeschaltet ist und für wen sie gilt, wurde nicht geprüft.</translation>
    </message>
</context>
<context>
    <name>ReplaceBadgeDialog</name>
    <message>
        <source>New badge (lost badge)</source>
        <translation>Neuer Ausweis (Ausweis verloren)</translation>
    </message>
    <message>
        <source>Replace the badge of %1?</source>
        <translation>Ausweis von %1 ersetzen?</translation>
    </message>
    <message>
        <source>The current badge of %1 stops working now (whoever finds it cannot use it). A new badge is issued at once; %1 keeps their PIN.</source>
        <translation>Der aktuelle Ausweis von %1 funktioniert ab sofort nicht mehr (wer ihn findet, kann ihn nicht benutzen). Ein neuer Ausweis wird sofort ausgestellt; %1 behält die PIN.</translation>
    </message>
    <message>
        <source>New badge expires on:</source>
        <translation>Neuer Ausweis läuft ab am:</translation>
    </message>
    <message>
        <source>&amp;Replace badge</source>
        <translation>Ausweis &amp;ersetzen</translation>
    </message>
    <message>
        <source>The old badge was deleted, but the new one was not issued: %1 has no working badge now. Press Replace badge again.</source>
        <translation>Der alte Ausweis wurde gelöscht, aber der neue wurde nicht ausgestellt: %1 hat jetzt keinen funktionierenden Ausweis. Drücken Sie erneut auf „Ausweis ersetzen“.</translation>
    </message>
    <message>
        <source>The old badge no longer works. Print or save the new one now: it is shown only this once. %1 keeps their PIN.</source>
        <translation>Der alte Ausweis funktioniert nicht mehr. Drucken oder speichern Sie jetzt den neuen: Er wird nur dieses eine Mal angezeigt. %1 behält die PIN.</translation>
    </message>
</context>
<context>
    <name>ResetPinDialog</name>
    <message>
        <source>Reset PIN</source>
        <translation>PIN zurücksetzen</translation>
    </message>
    <message>
        <source>Waiting for Microsoft</source>
        <translation>Warten auf Microsoft</translation>
    </message>
    <message>
        <source>Check &amp;status</source>
        <translation>&amp;Status prüfen</translation>
    </message>
    <message>
        <source>Read this person&apos;s QR sign-in again (sends no change)</source>
        <translation>Die QR-Anmeldung dieser Person erneut lesen (ändert nichts)</translation>
    </message>
    <message>
        <source>&amp;Reset PIN</source>
        <translation>PIN &amp;zurücksetzen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Reset the PIN of %1?</source>
        <translation>PIN von %1 zurücksetzen?</translation>
    </message>
    <message>
        <source>%1 (%2): the current PIN stops working now; they must choose a new PIN at their next sign-in. The new PIN is shown here once, to copy or print for them.</source>
        <translation>%1 (%2): Die aktuelle PIN funktioniert ab sofort nicht mehr; bei der nächsten Anmeldung muss eine neue PIN gewählt werden. Die neue PIN wird hier einmal angezeigt, zum Kopieren oder Ausdrucken.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Offline: the PIN cannot be reset until the connection is back.</source>
        <translation>Offline: Die PIN kann erst zurückgesetzt werden, wenn die Verbindung wieder besteht.</translation>
    </message>
    <message>
        <source>reset the PIN</source>
        <translation>die PIN zurücksetzen</translation>
    </message>
    <message>
        <source>The PIN was reset, but Microsoft&apos;s answer held no PIN to show. Reset it again to get a PIN to hand over.</source>
        <translation>Die PIN wurde zurückgesetzt, aber die Antwort von Microsoft enthielt keine PIN. Setzen Sie sie erneut zurück, um eine PIN zum Weitergeben zu erhalten.</translation>
    </message>
    <message>
        <source>New PIN for %1</source>
        <translation>Neue PIN für %1</translation>
    </message>
    <message>
        <source>Give this PIN to %1. It is shown only this once. They must choose a new PIN at their next sign-in.</source>
        <translation>Geben Sie diese PIN an %1 weiter. Sie wird nur dieses eine Mal angezeigt. Bei der nächsten Anmeldung muss eine neue PIN gewählt werden.</translation>
    </message>
    <message>
        <source>The PIN of %1 cannot be reset here</source>
        <translation>Die PIN von %1 kann hier nicht zurückgesetzt werden</translation>
    </message>
    <message>
        <source>Checked: the PIN was reset, but the new PIN was lost with the answer. %1 must use a new PIN: reset it again to get one to hand over.</source>
        <translation>Geprüft: Die PIN wurde zurückgesetzt, aber die neue PIN ging mit der Antwort verloren. %1 braucht eine neue PIN: Setzen Sie sie erneut zurück, um eine zum Weitergeben zu erhalten.</translation>
    </message>
    <message>
        <source>Checked: the PIN was not reset. The old PIN still works; you can try again.</source>
        <translation>Geprüft: Die PIN wurde nicht zurückgesetzt. Die alte PIN funktioniert weiterhin; Sie können es erneut versuchen.</translation>
    </message>
    <message>
        <source>Checked, but it cannot be told whether the PIN was reset.</source>
        <translation>Geprüft, aber es lässt sich nicht feststellen, ob die PIN zurückgesetzt wurde.</translation>
    </message>
    <message>
        <source>&amp;Reset again</source>
        <translation>Erneut &amp;zurücksetzen</translation>
    </message>
    <message>
        <source>Close without handing over the PIN?</source>
        <translation>Schließen, ohne die PIN weiterzugeben?</translation>
    </message>
    <message>
        <source>The new PIN has not been copied, printed or saved. It cannot be shown again: you would have to reset the PIN again.</source>
        <translation>Die neue PIN wurde weder kopiert noch gedruckt noch gespeichert. Sie kann nicht erneut angezeigt werden: Sie müssten die PIN noch einmal zurücksetzen.</translation>
    </message>
    <message>
        <source>Close and forget the PIN</source>
        <translation>Schließen und PIN verwerfen</translation>
    </message>
</context>
<context>
    <name>RosterController</name>
    <message>
        <source>The forgotten badge could not be noted on this computer.</source>
        <translation>Der vergessene Ausweis konnte auf diesem Computer nicht vermerkt werden.</translation>
    </message>
    <message>
        <source>Sign in to load your staff list.</source>
        <translation>Melden Sie sich an, um Ihre Mitarbeiterliste zu laden.</translation>
    </message>
    <message>
        <source>Your account does not manage any store. Ask your IT department to give you the Authentication Administrator role for your store.</source>
        <translation>Ihr Konto verwaltet keine Filiale. Bitten Sie Ihre IT-Abteilung, Ihnen die Rolle Authentifizierungsadministrator für Ihre Filiale zu geben.</translation>
    </message>
    <message>
        <source>This store is not saved on this computer; it loads when the connection is back.</source>
        <translation>Diese Filiale ist auf diesem Computer nicht gespeichert; sie wird geladen, sobald die Verbindung wieder besteht.</translation>
    </message>
    <message>
        <source>Select the people whose status you want to check.</source>
        <translation>Wählen Sie die Personen, deren Status Sie prüfen möchten.</translation>
    </message>
    <message>
        <source>Checking the first %1 of %2 people; check the rest afterwards.</source>
        <translation>Die ersten %1 von %2 Personen werden geprüft; prüfen Sie den Rest danach.</translation>
    </message>
    <message>
        <source>Signed out. The saved roster was removed from this computer.</source>
        <translation>Abgemeldet. Die gespeicherte Liste wurde von diesem Computer entfernt.</translation>
    </message>
    <message>
        <source>Loading was cancelled. People whose status did not arrive show “Not checked”.</source>
        <translation>Das Laden wurde abgebrochen. Personen, deren Status nicht mehr ankam, zeigen „Nicht geprüft“.</translation>
    </message>
    <message numerus="yes">
        <source>QR status could not be checked for %n people.</source>
        <translation>
            <numerusform>Der QR-Status konnte für %n Person nicht geprüft werden.</numerusform>
            <numerusform>Der QR-Status konnte für %n Personen nicht geprüft werden.</numerusform>
        </translation>
    </message>
    <message>
        <source>Press F5 to try again.</source>
        <translation>Drücken Sie F5, um es erneut zu versuchen.</translation>
    </message>
    <message>
        <source>All users are listed without their QR status (Microsoft limits how fast it can be read). Select people, or filter the list, then press Check status.</source>
        <translation>Alle Benutzer werden ohne QR-Status aufgelistet (Microsoft begrenzt, wie schnell er gelesen werden kann). Wählen Sie Personen aus oder filtern Sie die Liste und drücken Sie dann „Status prüfen“.</translation>
    </message>
    <message>
        <source>Showing the roster saved on %1.</source>
        <translation>Angezeigt wird die am %1 gespeicherte Liste.</translation>
    </message>
    <message>
        <source>No roster is saved on this computer yet.</source>
        <translation>Auf diesem Computer ist noch keine Liste gespeichert.</translation>
    </message>
    <message>
        <source>Offline mode: nothing is sent to Microsoft.</source>
        <translation>Offline-Modus: Es wird nichts an Microsoft gesendet.</translation>
    </message>
    <message>
        <source>Changes are disabled.</source>
        <translation>Änderungen sind deaktiviert.</translation>
    </message>
    <message>
        <source>Offline: Microsoft cannot be reached.</source>
        <translation>Offline: Microsoft ist nicht erreichbar.</translation>
    </message>
    <message>
        <source>Changes are disabled until the connection is back; the app keeps trying.</source>
        <translation>Änderungen sind deaktiviert, bis die Verbindung wieder besteht; die App versucht es weiter.</translation>
    </message>
</context>
<context>
    <name>RosterPresenter</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>User name (UPN)</source>
        <translation>Benutzername (UPN)</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Abteilung</translation>
    </message>
    <message>
        <source>QR sign-in</source>
        <translation>QR-Anmeldung</translation>
    </message>
    <message>
        <source>Standard code expires</source>
        <translation>Standardcode läuft ab</translation>
    </message>
    <message>
        <source>Temporary code until</source>
        <translation>Temporärer Code bis</translation>
    </message>
    <message>
        <source>Last used</source>
        <translation>Zuletzt verwendet</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>PIN last changed</source>
        <translation>PIN zuletzt geändert</translation>
    </message>
    <message>
        <source>No QR sign-in</source>
        <translation>Keine QR-Anmeldung</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Abgelaufen</translation>
    </message>
    <message>
        <source>Expiring soon</source>
        <translation>Läuft bald ab</translation>
    </message>
    <message>
        <source>Temporary code live</source>
        <translation>Temporärer Code aktiv</translation>
    </message>
    <message>
        <source>PIN must change</source>
        <translation>PIN muss geändert werden</translation>
    </message>
    <message>
        <source>Not ready</source>
        <translation>Nicht bereit</translation>
    </message>
    <message>
        <source>This person holds an admin role. Only a Privileged Authentication Administrator can manage their sign-in.</source>
        <translation>Diese Person hat eine Administratorrolle. Nur ein Privilegierter Authentifizierungsadministrator kann ihre Anmeldung verwalten.</translation>
    </message>
    <message>
        <source>This person is not in a store you manage.</source>
        <translation>Diese Person gehört zu keiner Filiale, die Sie verwalten.</translation>
    </message>
    <message>
        <source>Your role can read QR sign-in but not change it.</source>
        <translation>Ihre Rolle kann die QR-Anmeldung lesen, aber nicht ändern.</translation>
    </message>
    <message>
        <source>Your account holds no role that manages QR sign-in.</source>
        <translation>Ihr Konto hat keine Rolle, die die QR-Anmeldung verwaltet.</translation>
    </message>
    <message>
        <source>Microsoft Graph refused access to this person&apos;s sign-in methods.</source>
        <translation>Microsoft Graph hat den Zugriff auf die Anmeldemethoden dieser Person verweigert.</translation>
    </message>
    <message>
        <source>You cannot manage this person here.</source>
        <translation>Sie können diese Person hier nicht verwalten.</translation>
    </message>
    <message>
        <source>Microsoft Graph is busy (throttled). Try again in a minute.</source>
        <translation>Microsoft Graph ist ausgelastet (gedrosselt). Versuchen Sie es in einer Minute erneut.</translation>
    </message>
    <message>
        <source>The request timed out.</source>
        <translation>Die Anfrage hat zu lange gedauert.</translation>
    </message>
    <message>
        <source>The network or Microsoft Graph is unreachable.</source>
        <translation>Das Netzwerk oder Microsoft Graph ist nicht erreichbar.</translation>
    </message>
    <message>
        <source>Sign-in expired. Sign in again.</source>
        <translation>Anmeldung abgelaufen. Melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>Microsoft Graph had a server error.</source>
        <translation>Microsoft Graph hatte einen Serverfehler.</translation>
    </message>
    <message>
        <source>Microsoft Graph rejected the request.</source>
        <translation>Microsoft Graph hat die Anfrage abgelehnt.</translation>
    </message>
    <message>
        <source>Microsoft Graph sent an answer that could not be read.</source>
        <translation>Microsoft Graph hat eine unlesbare Antwort gesendet.</translation>
    </message>
    <message>
        <source>The check was cancelled.</source>
        <translation>Die Prüfung wurde abgebrochen.</translation>
    </message>
    <message>
        <source>The status could not be checked.</source>
        <translation>Der Status konnte nicht geprüft werden.</translation>
    </message>
    <message>
        <source>Expires today</source>
        <translation>Läuft heute ab</translation>
    </message>
    <message numerus="yes">
        <source>Expires in %n day(s)</source>
        <translation>
            <numerusform>Läuft in %n Tag ab</numerusform>
            <numerusform>Läuft in %n Tagen ab</numerusform>
        </translation>
    </message>
    <message>
        <source>Starts %1</source>
        <translation>Beginnt am %1</translation>
    </message>
    <message>
        <source>Not checked</source>
        <translation>Nicht geprüft</translation>
    </message>
    <message>
        <source>Could not check</source>
        <translation>Prüfung fehlgeschlagen</translation>
    </message>
    <message>
        <source>Not manageable here</source>
        <translation>Hier nicht verwaltbar</translation>
    </message>
    <message>
        <source>QR sign-in, details unknown</source>
        <translation>QR-Anmeldung, Details unbekannt</translation>
    </message>
    <message>
        <source>No standard code</source>
        <translation>Kein Standardcode</translation>
    </message>
    <message>
        <source>Starts later</source>
        <translation>Beginnt später</translation>
    </message>
    <message>
        <source>Active, never used</source>
        <translation>Aktiv, nie verwendet</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>%1 (not manageable here)</source>
        <translation>%1 (hier nicht verwaltbar)</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>Temporary, must change</source>
        <translation>Vorläufig, muss geändert werden</translation>
    </message>
    <message>
        <source>Set by the user</source>
        <translation>Selbst gewählt</translation>
    </message>
</context>
<context>
    <name>RowActions</name>
    <message>
        <source>Reset PIN…</source>
        <translation>PIN zurücksetzen…</translation>
    </message>
    <message>
        <source>Temporary code (forgotten badge)…</source>
        <translation>Temporärer Code (Ausweis vergessen)…</translation>
    </message>
    <message>
        <source>New badge (lost badge)…</source>
        <translation>Neuer Ausweis (Ausweis verloren)…</translation>
    </message>
    <message>
        <source>Extend expiry…</source>
        <translation>Gültigkeit verlängern…</translation>
    </message>
    <message>
        <source>Set up QR sign-in…</source>
        <translation>QR-Anmeldung einrichten…</translation>
    </message>
    <message>
        <source>Remove QR sign-in…</source>
        <translation>QR-Anmeldung entfernen…</translation>
    </message>
    <message>
        <source>This action is not available in this version yet.</source>
        <translation>Diese Aktion ist in dieser Version noch nicht verfügbar.</translation>
    </message>
    <message>
        <source>Select a person first.</source>
        <translation>Wählen Sie zuerst eine Person.</translation>
    </message>
    <message>
        <source>Check this person&apos;s QR status first.</source>
        <translation>Prüfen Sie zuerst den QR-Status dieser Person.</translation>
    </message>
    <message>
        <source>This person has no QR sign-in yet. Set it up first (Person › Set up QR sign-in…).</source>
        <translation>Diese Person hat noch keine QR-Anmeldung. Richten Sie sie zuerst ein (Person › QR-Anmeldung einrichten…).</translation>
    </message>
    <message>
        <source>This person already has QR sign-in.</source>
        <translation>Diese Person hat bereits eine QR-Anmeldung.</translation>
    </message>
</context>
<context>
    <name>SecretPinView</name>
    <message>
        <source>New PIN</source>
        <translation>Neue PIN</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>Copy the PIN; the clipboard is cleared after a minute</source>
        <translation>PIN kopieren; die Zwischenablage wird nach einer Minute geleert</translation>
    </message>
    <message>
        <source>&amp;Print PIN slip…</source>
        <translation>PIN-Zettel &amp;drucken…</translation>
    </message>
    <message>
        <source>Save slip as P&amp;DF…</source>
        <translation>Zettel als P&amp;DF speichern…</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>contoso.onmicrosoft.com or the tenant ID</source>
        <translation>contoso.onmicrosoft.com oder die Mandanten-ID</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>&amp;Tenant:</source>
        <translation>&amp;Mandant:</translation>
    </message>
    <message>
        <source>&amp;Client ID:</source>
        <translation>&amp;Client-ID:</translation>
    </message>
    <message>
        <source>Your IT admin gives you both values (the app registration; see docs/app-registration.md).</source>
        <translation>Beide Werte erhalten Sie von Ihrer IT-Abteilung (die App-Registrierung; siehe docs/app-registration.md).</translation>
    </message>
    <message>
        <source>The demo tenant is open; these values apply to your own tenant.</source>
        <translation>Der Demo-Mandant ist geöffnet; diese Werte gelten für Ihren eigenen Mandanten.</translation>
    </message>
    <message>
        <source>Use the system proxy settings</source>
        <translation>Proxy-Einstellungen des Systems verwenden</translation>
    </message>
    <message>
        <source>Use this proxy:</source>
        <translation>Diesen Proxy verwenden:</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Netzwerk</translation>
    </message>
    <message>
        <source>&amp;Proxy:</source>
        <translation>&amp;Proxy:</translation>
    </message>
    <message>
        <source>Use Windows sign-in (Web Account Manager)</source>
        <translation>Windows-Anmeldung verwenden (Web Account Manager)</translation>
    </message>
    <message>
        <source>Available on Windows only</source>
        <translation>Nur unter Windows verfügbar</translation>
    </message>
    <message>
        <source>Keep the sign-in in an unencrypted file when this computer cannot encrypt it</source>
        <translation>Die Anmeldung unverschlüsselt speichern, wenn dieser Computer nicht verschlüsseln kann</translation>
    </message>
    <message>
        <source>Sign out when the app closes</source>
        <translation>Beim Schließen der App abmelden</translation>
    </message>
    <message>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <source>Sign-in and shared store PCs</source>
        <translation>Anmeldung und gemeinsam genutzte Filial-PCs</translation>
    </message>
    <message>
        <source>&amp;Lock after idle:</source>
        <translation>&amp;Sperren nach Inaktivität:</translation>
    </message>
    <message>
        <source>Enter the tenant ID (a GUID such as 72f988bf-86f1-41af-91ab-2d7cd011db47) or a domain such as contoso.onmicrosoft.com.</source>
        <translation>Geben Sie die Mandanten-ID (eine GUID wie 72f988bf-86f1-41af-91ab-2d7cd011db47) oder eine Domäne wie contoso.onmicrosoft.com ein.</translation>
    </message>
    <message>
        <source>Enter the client ID of the app registration.</source>
        <translation>Geben Sie die Client-ID der App-Registrierung ein.</translation>
    </message>
    <message>
        <source>The client ID is a GUID such as 2b5c7f3e-9d41-4a8e-b6c2-0f1e3d5a7c90.</source>
        <translation>Die Client-ID ist eine GUID wie 2b5c7f3e-9d41-4a8e-b6c2-0f1e3d5a7c90.</translation>
    </message>
    <message>
        <source>Enter the proxy as http://host:port.</source>
        <translation>Geben Sie den Proxy als http://host:port ein.</translation>
    </message>
</context>
<context>
    <name>SlipPrinter</name>
    <message>
        <source>Print PIN slip</source>
        <translation>PIN-Zettel drucken</translation>
    </message>
</context>
<context>
    <name>SnapshotMessages</name>
    <message>
        <source>The saved roster on this computer was damaged, so it was set aside. The roster will be loaded again from Microsoft.</source>
        <translation>Die auf diesem Computer gespeicherte Liste war beschädigt und wurde beiseitegelegt. Die Liste wird erneut von Microsoft geladen.</translation>
    </message>
    <message>
        <source>The saved roster on this computer was incomplete, so it was set aside. The roster will be loaded again from Microsoft.</source>
        <translation>Die auf diesem Computer gespeicherte Liste war unvollständig und wurde beiseitegelegt. Die Liste wird erneut von Microsoft geladen.</translation>
    </message>
    <message>
        <source>The saved roster was written by a different version of QR PIN Manager and cannot be read, so it was set aside. The roster will be loaded again from Microsoft.</source>
        <translation>Die gespeicherte Liste stammt von einer anderen Version von QR PIN Manager und kann nicht gelesen werden; sie wurde beiseitegelegt. Die Liste wird erneut von Microsoft geladen.</translation>
    </message>
    <message>
        <source>The saved roster belongs to a different organisation, so it was set aside and is not shown.</source>
        <translation>Die gespeicherte Liste gehört zu einer anderen Organisation; sie wurde beiseitegelegt und wird nicht angezeigt.</translation>
    </message>
    <message>
        <source>The saved roster could not be unlocked on this computer (it was saved by another Windows user or computer, or its key is gone), so it was set aside.</source>
        <translation>Die gespeicherte Liste konnte auf diesem Computer nicht entsperrt werden (sie wurde von einem anderen Windows-Benutzer oder Computer gespeichert, oder ihr Schlüssel fehlt); sie wurde beiseitegelegt.</translation>
    </message>
    <message>
        <source>The saved roster cannot be opened right now because this computer&apos;s secure storage is not available. It is kept for later.</source>
        <translation>Die gespeicherte Liste kann gerade nicht geöffnet werden, weil der sichere Speicher dieses Computers nicht verfügbar ist. Sie wird für später aufbewahrt.</translation>
    </message>
    <message>
        <source>The saved roster could not be read from the disk. It is kept for later.</source>
        <translation>Die gespeicherte Liste konnte nicht vom Datenträger gelesen werden. Sie wird für später aufbewahrt.</translation>
    </message>
    <message>
        <source>The saved roster could not be used.</source>
        <translation>Die gespeicherte Liste konnte nicht verwendet werden.</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>Not updated yet</source>
        <translation>Noch nicht aktualisiert</translation>
    </message>
    <message>
        <source>Updated just now</source>
        <translation>Gerade aktualisiert</translation>
    </message>
    <message>
        <source>Updated on %1</source>
        <translation>Aktualisiert am %1</translation>
    </message>
    <message numerus="yes">
        <source>Updated %n h ago</source>
        <translation>
            <numerusform>Vor %n Std. aktualisiert</numerusform>
            <numerusform>Vor %n Std. aktualisiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Updated %n min ago</source>
        <translation>
            <numerusform>Vor %n Min. aktualisiert</numerusform>
            <numerusform>Vor %n Min. aktualisiert</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StorePicker</name>
    <message>
        <source>Store</source>
        <translation>Filiale</translation>
    </message>
    <message>
        <source>The store whose staff are listed</source>
        <translation>Die Filiale, deren Mitarbeitende angezeigt werden</translation>
    </message>
    <message>
        <source>All users</source>
        <translation>Alle Benutzer</translation>
    </message>
    <message>
        <source>No stores</source>
        <translation>Keine Filialen</translation>
    </message>
</context>
<context>
    <name>SyncProgressWidget</name>
    <message>
        <source>Sync progress</source>
        <translation>Fortschritt der Synchronisierung</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Cancel the sync</source>
        <translation>Synchronisierung abbrechen</translation>
    </message>
    <message>
        <source>Stop loading; rows already loaded stay</source>
        <translation>Laden beenden; bereits geladene Zeilen bleiben</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Users %1 of %2</source>
        <translation>Benutzer %1 von %2</translation>
    </message>
    <message>
        <source>Users %1</source>
        <translation>Benutzer %1</translation>
    </message>
    <message>
        <source>QR status %1 of %2</source>
        <translation>QR-Status %1 von %2</translation>
    </message>
</context>
<context>
    <name>TemporaryCodeDialog</name>
    <message>
        <source>Temporary code</source>
        <translation>Temporärer Code</translation>
    </message>
    <message>
        <source>Temporary code for %1 (forgotten badge)</source>
        <translation>Temporärer Code für %1 (Ausweis vergessen)</translation>
    </message>
    <message>
        <source>%1 signs in with this code and their usual PIN until the end of the shift. Show it full screen for the store device&apos;s camera, or print it.</source>
        <translation>%1 meldet sich bis Schichtende mit diesem Code und der gewohnten PIN an. Zeigen Sie ihn im Vollbild für die Kamera des Filialgeräts an oder drucken Sie ihn.</translation>
    </message>
    <message>
        <source>Shift ending %1</source>
        <translation>Schichtende %1</translation>
    </message>
    <message>
        <source>Other end time</source>
        <translation>Andere Endzeit</translation>
    </message>
    <message>
        <source>Valid until:</source>
        <translation>Gültig bis:</translation>
    </message>
    <message>
        <source>Delete the live temporary code first (valid until %1)</source>
        <translation>Zuerst den aktiven temporären Code löschen (gültig bis %1)</translation>
    </message>
    <message>
        <source>&amp;Issue temporary code</source>
        <translation>Temporären Code &amp;ausstellen</translation>
    </message>
    <message>
        <source>Valid for %1.</source>
        <translation>Gültig für %1.</translation>
    </message>
    <message>
        <source>A temporary code must be valid for at least 1 hour.</source>
        <translation>Ein temporärer Code muss mindestens 1 Stunde gültig sein.</translation>
    </message>
    <message>
        <source>A temporary code can be valid for at most 12 hours.</source>
        <translation>Ein temporärer Code kann höchstens 12 Stunden gültig sein.</translation>
    </message>
    <message>
        <source>Only one temporary code can be live: delete the current one first.</source>
        <translation>Es kann nur ein temporärer Code aktiv sein: Löschen Sie zuerst den aktuellen.</translation>
    </message>
    <message>
        <source>Temporary code for %1</source>
        <translation>Temporärer Code für %1</translation>
    </message>
    <message>
        <source>Show it full screen for the store device&apos;s camera, or print it. It is shown only this once; %1 signs in with it and their usual PIN.</source>
        <translation>Zeigen Sie ihn im Vollbild für die Kamera des Filialgeräts an oder drucken Sie ihn. Er wird nur dieses eine Mal angezeigt; %1 meldet sich damit und mit der gewohnten PIN an.</translation>
    </message>
</context>
</TS>
