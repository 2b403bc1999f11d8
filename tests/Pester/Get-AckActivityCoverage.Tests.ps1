# Get-AckActivityCoverage against the default sandbox scenario.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'AuditHelpers.psm1') -Force
    Import-AckModuleUnderTest
    $script:sbx = Start-AckSandbox
    Connect-AckSandbox $script:sbx

    $script:ProId = 'c5b1e8f2a3d4c6e7f8091a2b3c4d5e6f7'
    $script:ProRole = 'KubernetesWorkerRole-4a9e2f1c-7b3d-4e8a-9c6f-1d2e3f4a5b6c'
    $script:Expected = Get-AckSandboxExpectedActivity $script:sbx -RoleName $script:ProRole
    $script:Cmd = 'AckHardening.PowerShell.Commands.GetAckActivityCoverageCommand'
}
AfterAll { Stop-AckSandbox $script:sbx }

Describe 'Get-AckActivityCoverage' {
    It 'is declared with its output type' {
        (Get-Command Get-AckActivityCoverage).OutputType.Name | Should -Contain 'AckHardening.Audit.AckActivityCoverage'
    }

    It 'summarises the 14 days of evidence of prod-legacy''s worker role from the trail' {
        $c = Get-AckCluster -ClusterId $script:ProId | Get-AckActivityCoverage -Days 14
        $c | Should -HaveCount 1
        $c.ClusterId | Should -Be $script:ProId
        $c.RoleName | Should -Be $script:ProRole
        $c.Source | Should -Be 'Sls'
        $c.Days | Should -Be 14
        $c.DistinctActions | Should -Be $script:Expected.Count
        $c.EventsMatched | Should -Be (($script:Expected | Measure-Object Count -Sum).Sum + ($script:Expected | Measure-Object DeniedCount -Sum).Sum)
    }

    It 'counts the days with data in Log Service, equal to the ground truth' {
        # The sandbox's ground truth: the UTC days on which the generator gave the role calls.
        $uri = [Uri]::new([Uri]$script:sbx.Control, "_sandbox/expected-activity?role=$([Uri]::EscapeDataString($script:ProRole))")
        $truth = Invoke-RestMethod -Uri $uri -Method Get -NoProxy -ErrorAction Stop
        $expectedDays = [int]$truth.daysWithDataByRole.$($script:ProRole)
        $expectedDays | Should -BeGreaterThan 0
        $c = Get-AckActivityCoverage -ClusterId $script:ProId -Days 14
        $c.Source | Should -Be 'Sls'
        $c.DaysWithData | Should -Be $expectedDays
    }

    It 'the same summary comes from LookupEvents, with the days that carried data' {
        $c = Get-AckActivityCoverage -RoleName $script:ProRole -Source LookupEvents -Days 14
        $c.Source | Should -Be 'LookupEvents'
        $c.DistinctActions | Should -Be $script:Expected.Count
        $c.DaysWithData | Should -BeGreaterThan 0
    }

    It 'a role without calls gets a reason and IsWindowLongEnough false' {
        $c = Get-AckActivityCoverage -RoleName 'AckNoSuchCallerRole' -Days 14
        $c.EventsMatched | Should -Be 0
        $c.IsWindowLongEnough | Should -BeFalse
        $c.ReasonText | Should -Match 'No call of role AckNoSuchCallerRole'
    }

    It 'evidence from a trail that is not ready carries the trail''s reasons' {
        $short = Get-AckAuditTrail | Where-Object { $_.IsLogging -and $_.LoggingDays -lt 7 } | Select-Object -First 1
        $short | Should -Not -BeNullOrEmpty
        $c = Get-AckActivityCoverage -RoleName $script:ProRole -TrailName $short.Name -WarningAction SilentlyContinue
        $c.IsWindowLongEnough | Should -BeFalse
        $c.ReasonText | Should -Match "Trail $($short.Name): The trail has logged for"
    }

    It 'shows coverage in its table view' {
        (Get-AckActivityCoverage -RoleName $script:ProRole -Days 14 | Out-String) | Should -Match 'RoleName\s+Source\s+Days\s+Actions'
    }

    It 'has help' {
        (Get-Help Get-AckActivityCoverage).Synopsis | Should -Not -BeNullOrEmpty
    }
}
