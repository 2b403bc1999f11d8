#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Builds, lays out, documents, tests and demonstrates the AckHardening module.
.DESCRIPTION
    Tasks (first positional argument, default 'build'):
      build    dotnet build the solution and lay out out/AckHardening/<version>/ (manifest, dlls, Dependencies/,
               merged format file, MAML help generated from docs/cmdlets/*.md, about topic).
      help     regenerate only the help files of an existing layout (builds first when there is none).
      test     build, then xunit (tests/AckHardening.Core.Tests) and Pester 5.7.1 (tests/Pester) in a child pwsh;
               prints one closing line 'N passed, N failed[, N skipped]' and exits non-zero on any failure.
      demo     build, start the sandbox, connect, run demo/*.ps1 in name order, stop the sandbox.
      sandbox  build, start the sandbox, print its endpoints and a ready-to-paste Connect-AckAccount line,
               run until Ctrl+C.
      bench    build, then measure Import-Module time against a bare pwsh start (writes docs/benchmarks.md).
      clean    remove out/ and the projects' bin/ and obj/ folders.
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 test
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('build', 'help', 'test', 'demo', 'sandbox', 'bench', 'clean')]
    [string] $Task = 'build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug',

    # Scenario folder for demo and sandbox (default: src/AckHardening.Sandbox/Scenarios/default).
    [string] $Scenario,

    # bench: how many times each start-up is measured (the median is reported).
    [ValidateRange(3, 100)]
    [int] $Repeat = 15,

    # test: run only these Pester files (names or paths under tests/Pester, e.g. Get-AckCluster) — a development
    # loop; CI always runs everything.
    [string[]] $PesterFile,

    # test: skip the xunit run (a development loop with -PesterFile).
    [switch] $SkipXunit
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
Import-Module (Join-Path $PSScriptRoot 'tools/build/AckBuild.psm1') -Force
Import-Module (Join-Path $PSScriptRoot 'tools/build/AckHelp.psm1') -Force

$RepoRoot = $PSScriptRoot
$OutRoot = Join-Path $RepoRoot 'out'
$ModuleName = 'AckHardening'
$Version = Get-AckModuleVersion -RepoRoot $RepoRoot
$ModuleDir = Join-Path $OutRoot "$ModuleName/$Version"
$ManifestOut = Join-Path $ModuleDir "$ModuleName.psd1"
$CmdletBin = Join-Path $RepoRoot "src/AckHardening.PowerShell/bin/$Configuration/net8.0"
$SandboxDll = Join-Path $RepoRoot "src/AckHardening.Sandbox/bin/$Configuration/net10.0/AckHardening.Sandbox.dll"
$PesterVersion = '5.7.1'
$AltYamlVersion = '16.3.0'

# Assemblies that stay in the module root and load into PowerShell's default context: the cmdlets and the output
# types users see. Everything else the cmdlet project copies to bin/ goes to Dependencies/.
$RootAssemblies = @('AckHardening.PowerShell', 'AckHardening.Abstractions')
# What Dependencies/ must hold: Core and its run-time packages. A new package of Core's must be added here.
$DependencyAssemblies = @('AckHardening.Core', 'KubernetesClient', 'YamlDotNet', 'Fractions')

function Write-Step([string] $Text) { Write-Host "==> $Text" -ForegroundColor Cyan }

function Invoke-Dotnet {
    # A plain function on purpose: $args passes dotnet's own switches (-c, --verbosity) through untouched.
    & dotnet @args | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE." }
}

function Get-ExpectedLayout {
    $files = @("$ModuleName.psd1", 'AckHardening.Format.ps1xml', 'en-US/AckHardening.PowerShell.dll-Help.xml', 'en-US/about_AckHardening.help.txt')
    foreach ($a in $RootAssemblies) { $files += "$a.dll", "$a.pdb" }
    foreach ($a in $DependencyAssemblies) { $files += "Dependencies/$a.dll" }
    $files += 'Dependencies/AckHardening.Core.pdb'
    $files
}

function Invoke-HelpGeneration {
    Write-Step 'Generating help from docs/cmdlets/*.md and the built module'
    $enUs = Join-Path $ModuleDir 'en-US'
    New-Item -ItemType Directory -Force -Path $enUs | Out-Null
    $metaFile = Join-Path $OutRoot 'command-metadata.json'
    $code = Invoke-AckChildPwsh -File (Join-Path $RepoRoot 'tools/build/Export-AckCommandMetadata.ps1') -ArgumentList $ManifestOut, $metaFile
    if ($code -ne 0) { throw "Reading command metadata from the built module failed (exit code $code)." }
    $commands = @(Get-Content -Raw -LiteralPath $metaFile | ConvertFrom-Json -Depth 10)
    $result = New-AckMamlHelp -DocsDirectory (Join-Path $RepoRoot 'docs/cmdlets') -Commands $commands `
        -Destination (Join-Path $enUs 'AckHardening.PowerShell.dll-Help.xml')
    Write-Host "    $($result.Commands) cmdlet(s), $($result.Pages) help page(s)"
    ConvertTo-AckAboutHelp -Path (Join-Path $RepoRoot 'docs/about_AckHardening.md') -Destination (Join-Path $enUs 'about_AckHardening.help.txt')
}

function Invoke-Build {
    Write-Step "dotnet build ($Configuration), module version $Version"
    Invoke-Dotnet build (Join-Path $RepoRoot 'AckHardening.slnx') -c $Configuration --nologo --verbosity minimal

    Write-Step "Laying out $ModuleDir"
    $moduleParent = Join-Path $OutRoot $ModuleName
    if (Test-Path -LiteralPath $moduleParent) { Remove-Item -LiteralPath $moduleParent -Recurse -Force }
    $deps = Join-Path $ModuleDir 'Dependencies'
    New-Item -ItemType Directory -Force -Path $deps | Out-Null

    foreach ($dll in Get-ChildItem -LiteralPath $CmdletBin -Filter '*.dll' -File) {
        $target = if ($dll.BaseName -in $RootAssemblies) { $ModuleDir } else { $deps }
        Copy-Item -LiteralPath $dll.FullName -Destination $target
        $pdb = [IO.Path]::ChangeExtension($dll.FullName, '.pdb')
        if ($dll.BaseName -like 'AckHardening.*' -and (Test-Path -LiteralPath $pdb)) { Copy-Item -LiteralPath $pdb -Destination $target }
    }

    $manifest = Get-Content -Raw -LiteralPath (Join-Path $RepoRoot "$ModuleName.psd1")
    $stamped = [regex]::Replace($manifest, "(?m)^(\s*ModuleVersion\s*=\s*)'[^']*'", "`${1}'$Version'")
    if ($stamped -eq $manifest -and $manifest -notmatch "ModuleVersion\s*=\s*'$([regex]::Escape($Version))'") { throw 'Could not stamp ModuleVersion into the manifest.' }
    Set-Content -LiteralPath $ManifestOut -Value $stamped -Encoding utf8NoBOM -NoNewline

    $formats = Merge-AckFormatFile -SourceDirectory (Join-Path $RepoRoot 'src/AckHardening.PowerShell/Formats') -Destination (Join-Path $ModuleDir 'AckHardening.Format.ps1xml')
    Write-Host "    format file: $($formats.Views) view(s) from $($formats.Sources) file(s)"

    Invoke-HelpGeneration
    Assert-AckLayout -ModuleDirectory $ModuleDir -Expected (Get-ExpectedLayout)
    Write-Host "    module laid out: $ManifestOut"
}

function Get-NuGetPackagesRoot {
    if ($env:NUGET_PACKAGES) { return $env:NUGET_PACKAGES }
    $line = & dotnet nuget locals global-packages --list
    if ($LASTEXITCODE -ne 0) { throw 'dotnet nuget locals failed.' }
    ($line -replace '^\s*global-packages:\s*', '').Trim()
}

function Restore-TestTool {
    Write-Step "Restoring test tools (Pester $PesterVersion, YamlDotNet $AltYamlVersion for the isolation test)"
    Invoke-Dotnet restore (Join-Path $RepoRoot 'tools/deps/tools.deps.csproj') --nologo --verbosity quiet
    $root = Get-NuGetPackagesRoot
    $pester = Join-Path $root "pester/$PesterVersion/tools/Pester.psd1"
    $yaml = Join-Path $root "yamldotnet/$AltYamlVersion/lib/net8.0/YamlDotNet.dll"
    foreach ($p in $pester, $yaml) { if (-not (Test-Path -LiteralPath $p)) { throw "Restored file not found: $p" } }
    [pscustomobject]@{ Pester = $pester; AltYamlDotNet = $yaml }
}

function Invoke-XunitTest {
    # Returns @{ Passed; Failed; Skipped } from the trx file (the runner's own summary is not a line CI reads).
    Write-Step 'xunit: tests/AckHardening.Core.Tests'
    $resultsDir = Join-Path $OutRoot 'test-results'
    $trx = Join-Path $resultsDir 'xunit.trx'
    if (Test-Path -LiteralPath $trx) { Remove-Item -LiteralPath $trx -Force }
    & dotnet test (Join-Path $RepoRoot 'tests/AckHardening.Core.Tests') -c $Configuration --no-build --nologo `
        --logger 'trx;LogFileName=xunit.trx' --logger 'console;verbosity=minimal' --results-directory $resultsDir | Out-Host
    $exit = $LASTEXITCODE
    if (-not (Test-Path -LiteralPath $trx)) {
        Write-Warning "xunit wrote no result file (exit code $exit)."
        return [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 }
    }
    $counters = ([xml](Get-Content -Raw -LiteralPath $trx)).TestRun.ResultSummary.Counters
    $passed = [int]$counters.passed
    $failed = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
    $skipped = [int]$counters.notExecuted
    if ($exit -ne 0 -and $failed -eq 0) { $failed = 1; Write-Warning "dotnet test exited with $exit although no test failed." }
    [pscustomobject]@{ Passed = $passed; Failed = $failed; Skipped = $skipped }
}

function Invoke-PesterTest([string] $PesterManifest, [string] $AltYamlDotNet) {
    Write-Step "Pester ${PesterVersion}: tests/Pester (child pwsh -NoProfile)"
    $resultsDir = Join-Path $OutRoot 'test-results'
    New-Item -ItemType Directory -Force -Path $resultsDir | Out-Null
    $summaryFile = Join-Path $resultsDir 'pester-summary.json'
    if (Test-Path -LiteralPath $summaryFile) { Remove-Item -LiteralPath $summaryFile -Force }
    $envVars = @{
        ACK_MODULE_PATH          = $ManifestOut
        ACK_SANDBOX_DLL          = $SandboxDll
        ACK_ALT_YAMLDOTNET_DLL   = $AltYamlDotNet
    }
    $code = Invoke-AckChildPwsh -File (Join-Path $RepoRoot 'tools/build/Invoke-AckPester.ps1') -Environment $envVars -ArgumentList @(
        '-PesterManifest', $PesterManifest, '-RequiredVersion', $PesterVersion,
        '-TestPath', ((Resolve-PesterPath) -join ';'),
        '-ResultFile', (Join-Path $resultsDir 'pester.xml'), '-SummaryFile', $summaryFile)
    if ($code -ne 0 -or -not (Test-Path -LiteralPath $summaryFile)) {
        Write-Warning "The Pester run did not complete (exit code $code)."
        return [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 }
    }
    Get-Content -Raw -LiteralPath $summaryFile | ConvertFrom-Json
}

function Resolve-PesterPath {
    $dir = Join-Path $RepoRoot 'tests/Pester'
    if (-not $PesterFile) { return @($dir) }
    # From bash, `-PesterFile a,b` arrives as one string: split it.
    foreach ($f in ($PesterFile -split ',' | Where-Object { $_ })) {
        $candidates = @($f, (Join-Path $dir $f), (Join-Path $dir "$f.Tests.ps1"))
        $hit = $candidates | Where-Object { Test-Path -LiteralPath $_ -PathType Leaf } | Select-Object -First 1
        if (-not $hit) { throw "No Pester file '$f' under tests/Pester." }
        (Resolve-Path -LiteralPath $hit).Path
    }
}

function Invoke-Test {
    $passed = 0; $failed = 0; $skipped = 0
    try {
        Invoke-Build
        $tools = Restore-TestTool
        $x = if ($SkipXunit) { [pscustomobject]@{ Passed = 0; Failed = 0; Skipped = 0 } } else { Invoke-XunitTest }
        $p = Invoke-PesterTest -PesterManifest $tools.Pester -AltYamlDotNet $tools.AltYamlDotNet
        Write-Host ("    xunit: {0} passed, {1} failed, {2} skipped; Pester: {3} passed, {4} failed, {5} skipped" -f `
                $x.Passed, $x.Failed, $x.Skipped, $p.Passed, $p.Failed, $p.Skipped)
        $passed = $x.Passed + $p.Passed; $failed = $x.Failed + $p.Failed; $skipped = $x.Skipped + $p.Skipped
    }
    catch {
        Write-Host "ERROR: $_" -ForegroundColor Red
        $failed = [Math]::Max($failed, 1)
    }
    $line = "$passed passed, $failed failed"
    if ($skipped) { $line += ", $skipped skipped" }
    Write-Host $line
    if ($failed -gt 0) { exit 1 }
}

function Get-ScenarioPath {
    $path = if ($Scenario) { $Scenario } else { Join-Path $RepoRoot 'src/AckHardening.Sandbox/Scenarios/default' }
    (Resolve-Path -LiteralPath $path).Path
}

function Invoke-Demo {
    Invoke-Build
    Write-Step 'Demo: demo/*.ps1 against the sandbox (child pwsh -NoProfile)'
    $code = Invoke-AckChildPwsh -File (Join-Path $RepoRoot 'tools/build/Invoke-AckDemo.ps1') `
        -Environment @{ ACK_MODULE_PATH = $ManifestOut; ACK_SANDBOX_DLL = $SandboxDll } `
        -ArgumentList '-DemoDirectory', (Join-Path $RepoRoot 'demo'), '-Scenario', (Get-ScenarioPath)
    if ($code -ne 0) { throw "The demo failed (exit code $code)." }
}

function Invoke-Sandbox {
    Invoke-Build
    $env:ACK_SANDBOX_DLL = $SandboxDll
    Import-Module (Join-Path $RepoRoot 'tests/Pester/TestHelpers.psm1') -Force
    $sbx = Start-AckSandbox -Scenario (Get-ScenarioPath)
    try {
        Write-Host ''
        Write-Host "Sandbox running (pid $($sbx.Process.Id)), scenario $($sbx.Scenario)" -ForegroundColor Green
        foreach ($k in $sbx.Endpoints.Keys | Sort-Object) { Write-Host ("  {0,-12} {1}" -f $k, $sbx.Endpoints[$k]) }
        Write-Host ("  {0,-12} {1}" -f 'Control', $sbx.Control)
        foreach ($k in $sbx.Kubernetes.Keys | Sort-Object) { Write-Host ("  {0,-12} {1} (cluster {2})" -f 'Kubernetes', $sbx.Kubernetes[$k], $k) }
        Write-Host ''
        Write-Host 'In another pwsh:' -ForegroundColor Green
        Write-Host (Get-AckSandboxConnectCommand -Sandbox $sbx -ModulePath $ManifestOut)
        Write-Host ''
        Write-Host 'Press Ctrl+C to stop the sandbox.'
        while (-not $sbx.Process.HasExited) { Start-Sleep -Milliseconds 500 }
        Write-Warning "The sandbox exited by itself (exit code $($sbx.Process.ExitCode))."
    }
    finally { Stop-AckSandbox $sbx }
}

function Invoke-Bench {
    Invoke-Build
    & (Join-Path $RepoRoot 'bench/Measure-ImportTime.ps1') -ModulePath $ManifestOut -Repeat $Repeat `
        -OutFile (Join-Path $RepoRoot 'docs/benchmarks.md')
}

function Invoke-Clean {
    Write-Step 'Removing out/ and bin/ obj/ folders'
    if (Test-Path -LiteralPath $OutRoot) { Remove-Item -LiteralPath $OutRoot -Recurse -Force }
    Get-ChildItem -LiteralPath (Join-Path $RepoRoot 'src'), (Join-Path $RepoRoot 'tests'), (Join-Path $RepoRoot 'tools') -Directory -Recurse -Include bin, obj -ErrorAction SilentlyContinue |
        Remove-Item -Recurse -Force
}

switch ($Task) {
    'build' { Invoke-Build }
    'help' {
        if (-not (Test-Path -LiteralPath $ManifestOut)) { Invoke-Build } else { Invoke-HelpGeneration; Assert-AckLayout -ModuleDirectory $ModuleDir -Expected (Get-ExpectedLayout) }
    }
    'test' { Invoke-Test }
    'demo' { Invoke-Demo }
    'sandbox' { Invoke-Sandbox }
    'bench' { Invoke-Bench }
    'clean' { Invoke-Clean }
}
