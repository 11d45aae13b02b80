# Windows build of the bundle (PowerShell). Prerequisites: Python 3.11+ from python.org, and a
# CJK TrueType font for reports (SimHei ships with Windows: C:\Windows\Fonts\simhei.ttf).
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")
if (-not (Test-Path .venv)) { py -3.11 -m venv .venv }
.\.venv\Scripts\python -m pip install -c constraints.txt -e ".[dev,gui,package]"
$env:FORENSICS_CJK_FONT = "C:\Windows\Fonts\simhei.ttf"
.\.venv\Scripts\pyinstaller --noconfirm --clean --distpath dist --workpath build\pyinstaller packaging\forensics_app.spec
$tmp = New-Item -ItemType Directory -Path (Join-Path $env:TEMP ("fa-" + [guid]::NewGuid()))
Copy-Item -Recurse sample_cases\guangzhou-2019 (Join-Path $tmp "case")
dist\forensics-app\forensics-app.exe analyze (Join-Path $tmp "case") --out (Join-Path $tmp "out") -q
if (-not (Test-Path (Join-Path $tmp "out\report.pdf"))) { throw "bundle did not produce a report" }
Write-Host "bundle OK: dist\forensics-app\forensics-app.exe"
