# Get-AckAuditTrail against the default sandbox scenario: "ack-audit" (ready), a write-only trail, a trail logging
# for 3 days and a stopped trail.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-AckModuleUnderTest
    $script:sbx = Start-AckSandbox
    Connect-AckSandbox $script:sbx
    $script:ProId = 'c5b1e8f2a3d4c6e7f8091a2b3c4d5e6f7'
    $script:Cmd = 'AckHardening.PowerShell.Commands.GetAckAuditTrailCommand'
}
AfterAll { Stop-AckSandbox $script:sbx }

Describe 'Get-AckAuditTrail' {
    BeforeAll { $script:all = @(Get-AckAuditTrail) }

    It 'is declared with its output type' {
        (Get-Command Get-AckAuditTrail).OutputType.Name | Should -Contain 'AckHardening.Audit.AckAuditTrail'
    }

    It 'reads every trail with DescribeTrails and GetTrailStatus, and nothing else' {
        Clear-AckSandboxRequest $script:sbx
        $t = @(Get-AckAuditTrail)
        $t.Count | Should -BeGreaterOrEqual 4
        $log = @(Get-AckSandboxRequest $script:sbx)
        @($log | Where-Object action -eq 'DescribeTrails').Count | Should -Be 1
        @($log | Where-Object action -eq 'GetTrailStatus').Count | Should -Be $t.Count
        @($log | Where-Object isWrite) | Should -BeNullOrEmpty
    }

    It 'reports ack-audit as ready, delivering to actiontrail_ack-audit for 14 days' {
        $t = Get-AckAuditTrail -Name 'ack-audit'
        $t | Should -BeOfType ([AckHardening.Audit.AckAuditTrail])
        $t.IsLogging | Should -BeTrue
        $t.EventRW | Should -Be 'All'
        $t.SlsProject | Should -Be 'ack-audit-1234567890123456'
        $t.SlsRegion | Should -Be 'cn-hangzhou'
        $t.Logstore | Should -Be 'actiontrail_ack-audit'
        $t.LoggingDays | Should -BeGreaterOrEqual 13.9
        $t.StartLoggingTime | Should -Not -BeNullOrEmpty
        $t.ReadyForAnalysis | Should -BeTrue
        $t.Reasons | Should -BeNullOrEmpty
        $t.ReasonText | Should -Be ''
    }

    It 'reports the write-only trail as not ready because reads would look unused' {
        $t = @($script:all | Where-Object EventRW -eq 'Write')
        $t.Count | Should -BeGreaterOrEqual 1
        $t[0].ReadyForAnalysis | Should -BeFalse
        $t[0].ReasonText | Should -Match 'EventRW is Write.*read permission would look unused'
    }

    It 'reports the trail logging for 3 days as not ready' {
        $t = @($script:all | Where-Object { $_.IsLogging -and $_.LoggingDays -lt 7 })
        $t.Count | Should -BeGreaterOrEqual 1
        $t[0].ReadyForAnalysis | Should -BeFalse
        $t[0].Reasons | Should -Contain ("The trail has logged for {0:0.#} days; at least 7 are needed." -f $t[0].LoggingDays)
    }

    It 'reports the stopped trail as not ready' {
        $t = @($script:all | Where-Object { -not $_.IsLogging })
        $t.Count | Should -BeGreaterOrEqual 1
        $t[0].ReadyForAnalysis | Should -BeFalse
        $t[0].ReasonText | Should -Match 'The trail is not logging'
    }

    It 'only ack-audit is ready in the default scenario' {
        @($script:all | Where-Object ReadyForAnalysis).Name | Should -Be 'ack-audit'
    }

    It 'checks the cluster''s region when a cluster comes down the pipeline' {
        $t = Get-AckCluster -ClusterId $script:ProId | Get-AckAuditTrail -Name 'ack-audit'
        $t.CheckedRegion | Should -Be 'cn-hangzhou'
        $t.ReadyForAnalysis | Should -BeTrue
    }

    It 'filters by wildcard, and an exact name that matches nothing is AckAuditTrailNotFound' {
        @(Get-AckAuditTrail -Name 'ack-aud*').Name | Should -Contain 'ack-audit'
        @(Get-AckAuditTrail -Name 'zz-none*') | Should -BeNullOrEmpty
        { Get-AckAuditTrail -Name 'no-such-trail' -ErrorAction Stop } | Should -Throw -ErrorId "AckAuditTrailNotFound,$script:Cmd"
    }

    It 'exports the reasons as one CSV column' {
        $csv = Join-Path $TestDrive 'trails.csv'
        $script:all | Export-Csv -LiteralPath $csv -NoTypeInformation
        $rows = Import-Csv -LiteralPath $csv
        ($rows | Where-Object EventRW -eq 'Write' | Select-Object -First 1).ReasonText | Should -Match 'EventRW is Write'
        (Get-Content -LiteralPath $csv -TotalCount 1) | Should -Match '^"Name","HomeRegion","Status","IsLogging","EventRW","TrailRegion","SlsProject"'
    }

    It 'shows trails in its table and list views' {
        ($script:all | Out-String) | Should -Match 'Name\s+Logging\s+EventRW\s+Days\s+SlsProject\s+Ready'
        ($script:all[0] | Format-List | Out-String) | Should -Match 'ReadyForAnalysis'
    }

    It 'has help' {
        (Get-Help Get-AckAuditTrail).Synopsis | Should -Not -BeNullOrEmpty
    }
}
