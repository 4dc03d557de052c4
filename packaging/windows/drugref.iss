; Inno Setup script for DrugRef on Windows. UNTESTED: written without a Windows machine (see packaging/README.md).
; Build dist\drugref\ with PyInstaller first, then:  iscc packaging\windows\drugref.iss
#define AppName "DrugRef"
#define AppVersion "0.1.0"
#define AppId "io.github.drugref.DrugRef"

[Setup]
AppId={#AppId}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=The DrugRef developers
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
OutputDir=..\..\dist
OutputBaseFilename=drugref-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\drugref.ico
UninstallDisplayIcon={app}\drugref.exe
Compression=lzma2
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequiredOverridesAllowed=dialog

[Files]
Source: "..\..\dist\drugref\*"; DestDir: "{app}"; Flags: recursesubdirs createallsubdirs ignoreversion

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\drugref.exe"
Name: "{group}\Uninstall {#AppName}"; Filename: "{uninstallexe}"

[Run]
Filename: "{app}\drugref.exe"; Description: "Start {#AppName}"; Flags: nowait postinstall skipifsilent
