# Measures what importing AckHardening adds to a pwsh start: a bare `pwsh -NoProfile -c exit` against
# `pwsh -NoProfile -c "Import-Module <laid-out psd1>; exit"`, alternated in one run, median of -Repeat runs each.
# Writes the figures and the exact commands to docs/benchmarks.md (build.ps1 bench).
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [ValidateRange(3, 100)][int] $Repeat = 15,
    [string] $OutFile
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../tools/build/AckBuild.psm1') -Force

$pwsh = Get-AckPwshInvocation
$ModulePath = (Resolve-Path -LiteralPath $ModulePath).Path
$cases = [ordered]@{
    'bare start'    = 'exit'
    'Import-Module' = "Import-Module '$ModulePath' -ErrorAction Stop; exit"
}

function Measure-Start([string] $Command) {
    $sw = [Diagnostics.Stopwatch]::StartNew()
    & $pwsh.Exe @($pwsh.Prefix) -NoProfile -NonInteractive -Command $Command
    $sw.Stop()
    if ($LASTEXITCODE -ne 0) { throw "pwsh -Command '$Command' failed with exit code $LASTEXITCODE." }
    $sw.Elapsed.TotalMilliseconds
}

function Get-Median([double[]] $Values) {
    $s = @($Values | Sort-Object); $n = $s.Count
    if ($n % 2) { $s[[int][Math]::Floor($n / 2)] } else { ($s[$n / 2 - 1] + $s[$n / 2]) / 2 }
}

# One warm-up of each (disk cache, JIT of pwsh itself), then alternate so drift hits both cases alike.
foreach ($c in $cases.Values) { $null = Measure-Start $c }
$samples = @{}; foreach ($k in $cases.Keys) { $samples[$k] = [Collections.Generic.List[double]]::new() }
for ($i = 1; $i -le $Repeat; $i++) {
    foreach ($k in $cases.Keys) { $samples[$k].Add((Measure-Start $cases[$k])) }
    Write-Progress -Activity 'Measuring pwsh start-up' -Status "$i of $Repeat" -PercentComplete (100 * $i / $Repeat)
}
Write-Progress -Activity 'Measuring pwsh start-up' -Completed

$bare = Get-Median $samples['bare start']
$import = Get-Median $samples['Import-Module']
$rows = foreach ($k in $cases.Keys) {
    $v = $samples[$k]
    [pscustomobject]@{ Case = $k; MedianMs = [Math]::Round((Get-Median $v), 0); MinMs = [Math]::Round(($v | Measure-Object -Minimum).Minimum, 0); MaxMs = [Math]::Round(($v | Measure-Object -Maximum).Maximum, 0) }
}
$rows | Format-Table -AutoSize | Out-Host
$delta = [Math]::Round($import - $bare, 0)
# The ratio is what the issue asks to track: start-up with the module over a bare start (1.00 = free).
$ratio = [Math]::Round($import / $bare, 2)
Write-Host "Import-Module adds ~$delta ms (median) to a pwsh start; ratio $ratio."

if ($OutFile) {
    $version = (Import-PowerShellDataFile -LiteralPath $ModulePath).ModuleVersion
    # Show the command without this machine's paths: pwsh, or `dotnet $PSHOME/pwsh.dll` under the dotnet tool.
    $cmdLine = if ($pwsh.Prefix) { 'dotnet $PSHOME/pwsh.dll' } else { 'pwsh' }
    $cmdletCount = & $pwsh.Exe @($pwsh.Prefix) -NoProfile -NonInteractive -Command "(Import-Module '$ModulePath' -PassThru).ExportedCmdlets.Count"
    $section = @"
## Import-Module time

What importing the module adds to a PowerShell start. Each case starts a fresh process; the two cases alternate,
$Repeat runs each after one warm-up, and the median is reported.

| case | median (ms) | min (ms) | max (ms) |
|---|---:|---:|---:|
$(($rows | ForEach-Object { "| $($_.Case) | $($_.MedianMs) | $($_.MinMs) | $($_.MaxMs) |" }) -join "`n")

**Import-Module adds about $delta ms** (median difference); **ratio with/without the module: $($ratio.ToString([cultureinfo]::InvariantCulture))**.

- Module: AckHardening $version as laid out by ``build.ps1`` (``out/AckHardening/$version/``), exporting $cmdletCount cmdlet(s).
- Bare start: ``$cmdLine -NoProfile -NonInteractive -Command exit``
- Import: ``$cmdLine -NoProfile -NonInteractive -Command "Import-Module <module>/AckHardening.psd1; exit"``
- Reproduce: ``dotnet pwsh ./build.ps1 bench`` (``-Repeat N`` to change the count).
- Measured $(Get-Date -AsUTC -Format 'yyyy-MM-dd HH:mm') UTC on $([Environment]::ProcessorCount) logical CPU(s), $([Runtime.InteropServices.RuntimeInformation]::OSDescription), PowerShell $($PSVersionTable.PSVersion), .NET $([Environment]::Version). The machine is shared, so expect some noise between runs.
"@
    # Replace only this section: other benchmarks (the activity analysis) keep theirs in the same file.
    $existing = if (Test-Path -LiteralPath $OutFile) { Get-Content -Raw -LiteralPath $OutFile } else { "# Benchmarks`n" }
    $pattern = '(?ms)^## Import-Module time\r?\n.*?(?=^## |\z)'
    $md = if ($existing -match $pattern) { [regex]::Replace($existing, $pattern, { param($m) $section.TrimEnd() + "`n`n" }) }
          else { $existing.TrimEnd() + "`n`n" + $section }
    Set-Content -LiteralPath $OutFile -Value $md.TrimEnd() -Encoding utf8NoBOM
    Write-Host "Wrote $OutFile"
}
