<?xml version='1.0' encoding='utf-8'?>
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
        <source>Look after your staff's Microsoft Entra QR code + PIN sign-in: who has it, whose badge expires soon, whose PIN is still temporary.</source>
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
        <source>No web browser could be opened for sign-in. Use 'Sign in with a code' instead.</source>
        <translation>Für die Anmeldung konnte kein Webbrowser geöffnet werden. Verwenden Sie stattdessen „Mit einem Code anmelden“.</translation>
    </message>
    <message>
        <source>A sign-in is already in progress. Finish or cancel it first.</source>
        <translation>Eine Anmeldung läuft bereits. Schließen Sie sie zuerst ab oder brechen Sie sie ab.</translation>
    </message>
    <message>
        <source>Windows sign-in (Web Account Manager) failed. Try again, or turn off 'Use Windows sign-in' in Settings.</source>
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
    <name>Banner</name>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
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
        <source>Actions</source>
        <translation>Aktionen</translation>
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
        <translation><numerusform>Läuft binnen %n Tag ab</numerusform><numerusform>Läuft binnen %n Tagen ab</numerusform></translation>
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
        <translation><numerusform>%n Person</numerusform><numerusform>%n Personen</numerusform></translation>
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
        <source>QR PIN Manager needs to know your organisation's Microsoft Entra tenant and the app registration your IT admin created for it.

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
        <source>Scan this with the store device's camera, then enter the PIN. Press Esc to close.</source>
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
        <source>You cannot {action} for {person}: your account has no role for QR sign-in. You need the Authentication Administrator role for {person}'s store (or for the whole organisation).</source>
        <translation>Sie können für {person} nicht: {action}. Ihr Konto hat keine Rolle für die QR-Anmeldung. Sie brauchen die Rolle Authentifizierungsadministrator für die Filiale von {person} (oder für die ganze Organisation).</translation>
    </message>
    <message>
        <source>Microsoft refused to let you {action} for {person}. Managing QR sign-in needs the Authentication Administrator role for the person's store, and the Privileged Authentication Administrator role if the person is an administrator. (Code: {code}, request id: {request_id})</source>
        <translation>Microsoft hat Ihnen verweigert, für {person} Folgendes zu tun: {action}. Zum Verwalten der QR-Anmeldung ist die Rolle Authentifizierungsadministrator für die Filiale der Person nötig, und die Rolle Privilegierter Authentifizierungsadministrator, wenn die Person Administrator ist. (Code: {code}, Anfrage-ID: {request_id})</translation>
    </message>
    <message>
        <source>{person} has no QR sign-in yet.</source>
        <translation>{person} hat noch keine QR-Anmeldung.</translation>
    </message>
    <message>
        <source>{person} was not found in your organisation's directory any more.</source>
        <translation>{person} wurde im Verzeichnis Ihrer Organisation nicht mehr gefunden.</translation>
    </message>
    <message>
        <source>Your organisation's QR sign-in settings could not be read, so the standard settings are assumed: PINs of at least 8 digits, badges valid for 365 days.</source>
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
        <translation><numerusform>%n Person in %1 gespeichert</numerusform><numerusform>%n Personen in %1 gespeichert</numerusform></translation>
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
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>Save badges as PDF</source>
        <translation>Ausweise als PDF speichern</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-Dateien (*.pdf)</translation>
    </message>
</context>
<context>
    <name>QPdfWriter</name>
    <message>
        <source>QR sign-in badges</source>
        <translation>QR-Anmeldeausweise</translation>
    </message>
</context>
<context>
    <name>ResetPinDialog</name>
    <message>
        <source>The printer could not be used.</source>
        <translation>Der Drucker konnte nicht verwendet werden.</translation>
    </message>
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
        <source>Read this person's QR sign-in again (sends no change)</source>
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
        <source>The PIN was reset, but Microsoft's answer held no PIN to show. Reset it again to get a PIN to hand over.</source>
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
        <source>Save PIN slip</source>
        <translation>PIN-Zettel speichern</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-Dateien (*.pdf)</translation>
    </message>
    <message>
        <source>PIN slip</source>
        <translation>PIN-Zettel</translation>
    </message>
    <message>
        <source>The PDF could not be saved there.</source>
        <translation>Das PDF konnte dort nicht gespeichert werden.</translation>
    </message>
    <message>
        <source>The PIN slip is ready.</source>
        <translation>Der PIN-Zettel ist fertig.</translation>
    </message>
    <message>
        <source>Copied. The clipboard is cleared after a minute.</source>
        <translation>Kopiert. Die Zwischenablage wird nach einer Minute geleert.</translation>
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
    <message>
        <source>Go back</source>
        <translation>Zurück</translation>
    </message>
</context>
<context>
    <name>RosterController</name>
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
        <translation><numerusform>Der QR-Status konnte für %n Person nicht geprüft werden.</numerusform><numerusform>Der QR-Status konnte für %n Personen nicht geprüft werden.</numerusform></translation>
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
        <source>Microsoft Graph refused access to this person's sign-in methods.</source>
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
        <translation><numerusform>Läuft in %n Tag ab</numerusform><numerusform>Läuft in %n Tagen ab</numerusform></translation>
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
        <source>Check this person's QR status first.</source>
        <translation>Prüfen Sie zuerst den QR-Status dieser Person.</translation>
    </message>
    <message>
        <source>This person has no QR sign-in yet.</source>
        <translation>Diese Person hat noch keine QR-Anmeldung.</translation>
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
        <source>The saved roster cannot be opened right now because this computer's secure storage is not available. It is kept for later.</source>
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
    <message numerus="yes">
        <source>Updated %n min ago</source>
        <translation><numerusform>Vor %n Min. aktualisiert</numerusform><numerusform>Vor %n Min. aktualisiert</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Updated %n h ago</source>
        <translation><numerusform>Vor %n Std. aktualisiert</numerusform><numerusform>Vor %n Std. aktualisiert</numerusform></translation>
    </message>
    <message>
        <source>Updated on %1</source>
        <translation>Aktualisiert am %1</translation>
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
    <name>dialog</name>
    <message>
        <source>Print badges</source>
        <translation>Ausweise drucken</translation>
    </message>
</context>
<context>
    <name>parent</name>
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
</TS>