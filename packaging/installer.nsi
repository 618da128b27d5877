; QR PIN Manager: Windows installer (NSIS 3, Modern UI 2).
;
; Per-user install into %LOCALAPPDATA%\Programs\QR PIN Manager: no administrator rights, no UAC
; prompt. Start-menu shortcut, an "Apps & features" entry, an uninstaller that keeps the user's
; settings, sign-in and saved roster unless the user ticks "Remove my settings...". Installing a
; newer (or the same) version over an existing one upgrades it in place.
;
; Build (from the repository root, after the PyInstaller bundle exists):
;   makensis -V2 -WX -DVERSION=0.1.0 packaging\installer.nsi
; Output: dist\qrpin-gui-<VERSION>-setup.exe. Optional defines:
;   VERSION_QUAD   four-part numeric version for the file properties (default VERSION.0)
;   BUNDLE_DIR     the PyInstaller onedir folder (default dist\qrpin-gui)
;   OUT_FILE       the installer's path (default dist\qrpin-gui-VERSION-setup.exe)
;   EXE_NAME       the app's executable inside BUNDLE_DIR (default qrpin-gui.exe)
;   SIGN_COMMAND   a command that signs "%1" in place; signs the installer and the uninstaller
;   COMPILE_CHECK  no compression (the Linux CI compile check); never for a release

Unicode true
ManifestDPIAware true
RequestExecutionLevel user
SetOverwrite on

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"

!ifndef VERSION
  !error "Pass the app version: makensis -DVERSION=x.y.z packaging/installer.nsi"
!endif
!ifndef VERSION_QUAD
  !define VERSION_QUAD "${VERSION}.0"
!endif
!ifndef BUNDLE_DIR
  !define BUNDLE_DIR "..\dist\qrpin-gui"
!endif
!ifndef OUT_FILE
  !define OUT_FILE "..\dist\qrpin-gui-${VERSION}-setup.exe"
!endif
!ifndef EXE_NAME
  !define EXE_NAME "qrpin-gui.exe"
!endif

!define APP_NAME "QR PIN Manager"
!define APP_ID "qrpin-gui"
!define PUBLISHER "QR PIN Manager contributors"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"
!define APP_KEY "Software\QRPinManager\${APP_NAME}"
; Where the app keeps its files (platformdirs: %LOCALAPPDATA%\<author>\<app>), see qrpin_gui/paths.py.
!define USER_DATA_PARENT "$LOCALAPPDATA\QRPinManager"
!define USER_DATA_DIR "${USER_DATA_PARENT}\${APP_NAME}"

!ifdef SIGN_COMMAND
  !finalize '${SIGN_COMMAND} "%1"' = 0
  !uninstfinalize '${SIGN_COMMAND} "%1"' = 0
!endif

!ifdef COMPILE_CHECK
  SetCompress off
!else
  SetCompressor /SOLID lzma
!endif

Name "${APP_NAME}"
OutFile "${OUT_FILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP_NAME}"
InstallDirRegKey HKCU "${APP_KEY}" "InstallDir"
BrandingText "${APP_NAME} ${VERSION}"

VIProductVersion "${VERSION_QUAD}"
VIFileVersion "${VERSION_QUAD}"
VIAddVersionKey /LANG=1033 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=1033 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "FileDescription" "${APP_NAME} installer"
VIAddVersionKey /LANG=1033 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=1033 "LegalCopyright" "(c) ${PUBLISHER}. MIT licence."

!define MUI_ICON "..\resources\icons\qrpin-gui.ico"
!define MUI_UNICON "..\resources\icons\qrpin-gui.ico"
!define MUI_ABORTWARNING
!define MUI_UNABORTWARNING
!define MUI_COMPONENTSPAGE_NODESC
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE_NAME}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "German"

LangString AppSection ${LANG_ENGLISH} "${APP_NAME}"
LangString AppSection ${LANG_GERMAN} "${APP_NAME}"
LangString DataSection ${LANG_ENGLISH} "Remove my settings, sign-in and saved roster"
LangString DataSection ${LANG_GERMAN} "Meine Einstellungen, Anmeldung und gespeicherte Liste entfernen"
LangString CloseApp ${LANG_ENGLISH} "${APP_NAME} is running. Close it, then choose Retry."
LangString CloseApp ${LANG_GERMAN} "${APP_NAME} läuft noch. Bitte schließen und dann Wiederholen wählen."

; ---------------------------------------------------------------------------------------------
; Install
; ---------------------------------------------------------------------------------------------
Section "!$(AppSection)" SecApp
  SectionIn RO
  SetOutPath "$INSTDIR"

  ; Upgrade in place: the running app locks its executable; ask the user to close it.
  ${If} ${FileExists} "$INSTDIR\${EXE_NAME}"
    retry:
    ClearErrors
    Rename "$INSTDIR\${EXE_NAME}" "$INSTDIR\${EXE_NAME}.old"
    ${If} ${Errors}
      MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(CloseApp)" /SD IDCANCEL IDRETRY retry
      Abort
    ${EndIf}
    Delete "$INSTDIR\${EXE_NAME}.old"
    ; The previous version's libraries go: a newer bundle must not load stale DLLs.
    RMDir /r "$INSTDIR\_internal"
  ${EndIf}

  File /r "${BUNDLE_DIR}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  ; Per-user Start menu (SetShellVarContext current is the default for a user-level installer).
  CreateShortcut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\${EXE_NAME}" "" "$INSTDIR\${EXE_NAME}" 0

  WriteRegStr HKCU "${APP_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${APP_KEY}" "Version" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${EXE_NAME},0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" "$0"
SectionEnd

; ---------------------------------------------------------------------------------------------
; Uninstall
; ---------------------------------------------------------------------------------------------
Section "un.!$(AppSection)" SecUnApp
  SectionIn RO
  Delete "$SMPROGRAMS\${APP_NAME}.lnk"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${EXE_NAME}"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "${APP_KEY}"
  DeleteRegKey /ifempty HKCU "Software\QRPinManager"
SectionEnd

; Off by default: a silent uninstall (/S) or an upgrade keeps the user's files.
Section /o "un.$(DataSection)" SecUnData
  RMDir /r "${USER_DATA_DIR}"
  RMDir "${USER_DATA_PARENT}"
SectionEnd

Function .onInit
  !insertmacro MUI_LANGDLL_DISPLAY
FunctionEnd

Function un.onInit
  !insertmacro MUI_UNGETLANGUAGE
FunctionEnd
