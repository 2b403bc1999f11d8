# New-AckAuditTrail against the default sandbox scenario.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-AckModuleUnderTest
    $script:sbx = Start-AckSandbox
    Connect-AckSandbox $script:sbx
    $script:Project = 'ack-audit-1234567890123456'
    $script:Cmd = 'AckHardening.PowerShell.Commands.NewAckAuditTrailCommand'
}
AfterAll { Stop-AckSandbox $script:sbx }

Describe 'New-AckAuditTrail' {
    BeforeEach {
        Reset-AckSandbox $script:sbx
        Clear-AckSandboxRequest $script:sbx
    }

    It 'is declared with its output type and ShouldProcess' {
        $cmd = Get-Command New-AckAuditTrail
        $cmd.OutputType.Name | Should -Contain 'AckHardening.Audit.AckAuditTrail'
        $cmd.Parameters.Keys | Should -Contain 'WhatIf'
        $cmd.Parameters['EventRW'].Attributes.ValidValues | Should -Be @('All', 'Read', 'Write')
    }

    It 'creates a trail delivering to SLS, then starts it, and outputs it' {
        $t = New-AckAuditTrail -Name 'ack-test-trail' -SlsProject $script:Project -Confirm:$false -InformationAction SilentlyContinue
        $t | Should -BeOfType ([AckHardening.Audit.AckAuditTrail])
        $t.Name | Should -Be 'ack-test-trail'
        $t.IsLogging | Should -BeTrue
        $t.EventRW | Should -Be 'All'
        $t.SlsProject | Should -Be $script:Project
        $t.Logstore | Should -Be 'actiontrail_ack-test-trail'
        $t.ReadyForAnalysis | Should -BeFalse -Because 'a new trail has not logged for 7 days'
        $writes = @(Get-AckSandboxRequest $script:sbx | Where-Object isWrite)
        $writes.action | Should -Be @('CreateTrail', 'StartLogging')
        (Get-AckAuditTrail -Name 'ack-test-trail').IsLogging | Should -BeTrue
    }

    It '-WhatIf changes nothing' {
        $t = New-AckAuditTrail -Name 'ack-test-trail' -SlsProject $script:Project -WhatIf
        $t | Should -BeNullOrEmpty
        @(Get-AckSandboxRequest $script:sbx | Where-Object isWrite) | Should -BeNullOrEmpty
        @(Get-AckAuditTrail -Name 'ack-test*') | Should -BeNullOrEmpty
    }

    It 'an existing name is AckAuditTrailExists' {
        { New-AckAuditTrail -Name 'ack-audit' -SlsProject $script:Project -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId "AckAuditTrailExists,$script:Cmd"
        @(Get-AckSandboxRequest $script:sbx | Where-Object isWrite) | Should -BeNullOrEmpty
    }

    It '-UseExisting returns a logging trail untouched' {
        $t = New-AckAuditTrail -Name 'ack-audit' -SlsProject $script:Project -UseExisting -Confirm:$false
        $t.Name | Should -Be 'ack-audit'
        $t.ReadyForAnalysis | Should -BeTrue
        @(Get-AckSandboxRequest $script:sbx | Where-Object isWrite) | Should -BeNullOrEmpty
    }

    It '-UseExisting starts a stopped trail' {
        $stopped = Get-AckAuditTrail | Where-Object { -not $_.IsLogging } | Select-Object -First 1
        $stopped | Should -Not -BeNullOrEmpty
        Clear-AckSandboxRequest $script:sbx
        $t = New-AckAuditTrail -Name $stopped.Name -SlsProject ($stopped.SlsProject ?? $script:Project) -UseExisting -Confirm:$false -WarningAction SilentlyContinue
        $t.IsLogging | Should -BeTrue
        @(Get-AckSandboxRequest $script:sbx | Where-Object isWrite).action | Should -Be @('StartLogging')
    }

    It 'refuses an invalid name before any call' {
        { New-AckAuditTrail -Name 'Bad Name' -SlsProject $script:Project -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId "AckInvalidTrailName,$script:Cmd"
        { New-AckAuditTrail -Name 'short' -SlsProject $script:Project -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId "AckInvalidTrailName,$script:Cmd"
        @(Get-AckSandboxRequest $script:sbx) | Should -BeNullOrEmpty
    }

    It 'warns that a write-only trail will not be ready for analysis' {
        $null = New-AckAuditTrail -Name 'ack-write-trail' -SlsProject $script:Project -EventRW Write -Confirm:$false -WarningVariable w -WarningAction SilentlyContinue -InformationAction SilentlyContinue
        ($w -join "`n") | Should -Match 'EventRW Write'
    }

    It 'has help' {
        (Get-Help New-AckAuditTrail).Synopsis | Should -Not -BeNullOrEmpty
    }
}
