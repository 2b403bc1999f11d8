# Runs in a child `pwsh -NoProfile` started by build.ps1 test: loads the pinned Pester from its restored NuGet
# folder, runs tests/Pester, writes NUnitXml and a small JSON summary that build.ps1 adds to the xunit counts.
param(
    [Parameter(Mandatory)][string] $PesterManifest,
    [Parameter(Mandatory)][string] $TestPath,
    [Parameter(Mandatory)][string] $ResultFile,
    [Parameter(Mandatory)][string] $SummaryFile,
    [string] $RequiredVersion = '5.7.1',
    [string[]] $ExcludeTag = @('Live')
)
$ErrorActionPreference = 'Stop'
# Only the module under test, by path: never an installed copy picked up by autoloading. The built-in modules the
# tests may use are imported explicitly instead.
$PSModuleAutoloadingPreference = 'None'
Import-Module Microsoft.PowerShell.Utility, Microsoft.PowerShell.Management, Microsoft.PowerShell.Security, Microsoft.PowerShell.Host

$pester = Import-Module $PesterManifest -PassThru -Force
if ($pester.Version -ne [version]$RequiredVersion) {
    throw "Loaded Pester $($pester.Version) from $($pester.ModuleBase); this build pins $RequiredVersion."
}
Write-Host "Pester $($pester.Version) from $($pester.ModuleBase)"
if (-not $env:ACK_MODULE_PATH -or -not (Test-Path -LiteralPath $env:ACK_MODULE_PATH)) { throw "ACK_MODULE_PATH does not point at the laid-out manifest: '$env:ACK_MODULE_PATH'." }

$config = New-PesterConfiguration
# One or more paths, ';'-separated (a child process gets plain strings).
$config.Run.Path = @($TestPath -split ';' | Where-Object { $_ })
$config.Run.PassThru = $true
$config.Filter.ExcludeTag = $ExcludeTag
$config.Output.Verbosity = 'Detailed'
$config.TestResult.Enabled = $true
$config.TestResult.OutputFormat = 'NUnitXml'
$config.TestResult.OutputPath = $ResultFile
$config.Should.ErrorAction = 'Continue'

$result = Invoke-Pester -Configuration $config
# A failed BeforeAll or a file that does not even parse fails its whole block: count those as failures too, so
# a broken test file can never pass as "0 failed".
$summary = [ordered]@{
    Passed  = $result.PassedCount
    Failed  = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
    Skipped = $result.SkippedCount + $result.NotRunCount
    Total   = $result.TotalCount
}
$summary | ConvertTo-Json | Set-Content -LiteralPath $SummaryFile -Encoding utf8NoBOM
exit 0
