# Get-AckWorkerRoleActivity against the default sandbox scenario: trail "ack-audit" delivering to SLS, 14 days of
# generated events for prod-legacy's worker role; counts are compared with the sandbox's ground truth.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'AuditHelpers.psm1') -Force
    Import-AckModuleUnderTest
    $script:sbx = Start-AckSandbox
    Connect-AckSandbox $script:sbx

    $script:ProId = 'c5b1e8f2a3d4c6e7f8091a2b3c4d5e6f7'
    $script:ProRole = 'KubernetesWorkerRole-4a9e2f1c-7b3d-4e8a-9c6f-1d2e3f4a5b6c'
    $script:Project = 'ack-audit-1234567890123456'
    $script:Expected = Get-AckSandboxExpectedActivity $script:sbx -RoleName $script:ProRole
    $script:Cmd = 'AckHardening.PowerShell.Commands.GetAckWorkerRoleActivityCommand'
}
AfterAll { Stop-AckSandbox $script:sbx }

Describe 'Get-AckWorkerRoleActivity' {
    BeforeEach { Clear-AckSandboxFault $script:sbx }

    It 'is declared with both output types and the Sls and File parameter sets' {
        $cmd = Get-Command Get-AckWorkerRoleActivity
        $cmd.OutputType.Name | Should -Contain 'AckHardening.Audit.AckRoleActivity'
        $cmd.OutputType.Name | Should -Contain 'AckHardening.Audit.AckActivityCoverage'
        $cmd.ParameterSets.Name | Should -Contain 'Sls'
        $cmd.ParameterSets.Name | Should -Contain 'File'
        $cmd.Parameters['RoleName'].Aliases | Should -Contain 'WorkerRamRoleName'
    }

    It 'the ground truth is not empty' {
        $script:Expected.Count | Should -BeGreaterThan 0
    }

    # The acceptance (Get-AckCluster | ... | Export-Csv against every source) is told in Step5.Acceptance.Tests.ps1.

    It 'looks the cluster up by a typed -ClusterId, and every in-scope cluster without one' {
        $a = Get-AckWorkerRoleActivity -ClusterId $script:ProId -Days 14 -WarningAction SilentlyContinue
        Compare-AckActivityCount -Actual $a -Expected $script:Expected | Should -BeNullOrEmpty
        $a | ForEach-Object { $_.ClusterId | Should -Be $script:ProId }
        $all = Get-AckWorkerRoleActivity -Days 14 -WarningAction SilentlyContinue
        Compare-AckActivityCount -Actual ($all | Where-Object RoleName -eq $script:ProRole) -Expected $script:Expected | Should -BeNullOrEmpty
        (Get-AckActivityCoverage -ClusterId $script:ProId -Days 14 -WarningAction SilentlyContinue | Where-Object RoleName -eq $script:ProRole).DistinctActions | Should -Be $script:Expected.Count
    }

    It 'reads the trail logstore with GetLogs on actiontrail_ack-audit' {
        Clear-AckSandboxRequest $script:sbx
        $null = Get-AckWorkerRoleActivity -RoleName $script:ProRole -WarningAction SilentlyContinue
        $logs = @(Get-AckSandboxRequest $script:sbx -Service Sls)
        $logs.Count | Should -BeGreaterThan 0
        $logs | ForEach-Object { $_.method | Should -Be 'GET'; $_.path | Should -Match '^/logstores/actiontrail_ack-audit' }
        @(Get-AckSandboxRequest $script:sbx | Where-Object isWrite) | Should -BeNullOrEmpty
    }

    It 'by default uses the trail''s whole logging window and still gives the expected counts' {
        $a = Get-AckWorkerRoleActivity -RoleName $script:ProRole -TrailName 'ack-audit' -WarningAction SilentlyContinue
        Compare-AckActivityCount -Actual $a -Expected $script:Expected | Should -BeNullOrEmpty
    }

    It 'pages the SQL results (limit offset, n) and gets the same counts with small pages' {
        Clear-AckSandboxRequest $script:sbx
        $a = Get-AckWorkerRoleActivity -RoleName $script:ProRole -Days 14 -PageSize 5 -WarningAction SilentlyContinue
        Compare-AckActivityCount -Actual $a -Expected $script:Expected | Should -BeNullOrEmpty
        @(Get-AckSandboxRequest $script:sbx -Service Sls).Count | Should -BeGreaterOrEqual ([math]::Ceiling(($script:Expected.Count + 1) / 5))
    }

    It '-Project/-Logstore reads the logstore without looking up a trail' {
        Clear-AckSandboxRequest $script:sbx
        $a = Get-AckWorkerRoleActivity -RoleName $script:ProRole -Project $script:Project -Logstore 'actiontrail_ack-audit' -Days 14 -WarningAction SilentlyContinue
        Compare-AckActivityCount -Actual $a -Expected $script:Expected | Should -BeNullOrEmpty
        @(Get-AckSandboxRequest $script:sbx -Service ActionTrail) | Should -BeNullOrEmpty
    }

    It '-Source LookupEvents gives the same numbers, also when throttled' {
        Add-AckSandboxFault $script:sbx @{ service = 'ActionTrail'; action = 'LookupEvents'; kind = 'throttle'; count = 2 }
        $a = Get-AckCluster -ClusterId $script:ProId | Get-AckWorkerRoleActivity -Source LookupEvents -Days 14 -WarningAction SilentlyContinue
        Compare-AckActivityCount -Actual $a -Expected $script:Expected | Should -BeNullOrEmpty
        $a | ForEach-Object { $_.Source | Should -Be 'LookupEvents' }
    }

    It '-Path over the exported OSS-style files gives the same numbers' {
        $folder = Export-AckSandboxActionTrail $script:sbx -Path (Join-Path $TestDrive 'oss')
        $a = Get-AckWorkerRoleActivity -RoleName $script:ProRole -Path $folder -WarningAction SilentlyContinue
        Compare-AckActivityCount -Actual $a -Expected $script:Expected | Should -BeNullOrEmpty
        $a | ForEach-Object { $_.Source | Should -Be 'File' }
    }

    It '-Summary emits one coverage object per role instead of activities' {
        $c = Get-AckWorkerRoleActivity -RoleName $script:ProRole -Days 14 -Summary -WarningAction SilentlyContinue
        $c | Should -HaveCount 1
        $c | Should -BeOfType ([AckHardening.Audit.AckActivityCoverage])
        $c.DistinctActions | Should -Be $script:Expected.Count
        $c.EventsMatched | Should -Be (($script:Expected | Measure-Object -Property Count -Sum).Sum + ($script:Expected | Measure-Object -Property DeniedCount -Sum).Sum)
    }

    It '-ServiceMapPath extends the RAM code map' {
        $map = Join-Path $TestDrive 'map.csv'
        Set-Content -LiteralPath $map -Value "ServiceName,RamCode`nEcs,ecs-custom"
        $a = Get-AckWorkerRoleActivity -RoleName $script:ProRole -Days 14 -ServiceMapPath $map -WarningAction SilentlyContinue
        ($a | Where-Object ServiceName -eq 'Ecs').Action | Should -Not -BeNullOrEmpty
        ($a | Where-Object ServiceName -eq 'Ecs').Action | ForEach-Object { $_ | Should -BeLike 'ecs-custom:*' }
    }

    It 'warns about each reason when told to use a write-only trail' {
        $writeOnly = Get-AckAuditTrail | Where-Object EventRW -eq 'Write' | Select-Object -First 1
        $writeOnly | Should -Not -BeNullOrEmpty
        $null = Get-AckWorkerRoleActivity -RoleName $script:ProRole -TrailName $writeOnly.Name -WarningVariable w -WarningAction SilentlyContinue
        ($w -join "`n") | Should -Match 'EventRW is Write'
    }

    It 'a wrong signature is AckAuthenticationFailed' {
        try {
            $bad = [pscredential]::new($script:sbx.AdminKeyId, (ConvertTo-SecureString 'not-the-secret' -AsPlainText -Force))
            # Skip Connect's own STS check so the wrong secret reaches Log Service, whose own signature check must refuse it.
            $null = Connect-AckAccount -Credential $bad -Region $script:sbx.Region -Endpoint $script:sbx.Endpoints -SkipVerification -ErrorAction Stop
            { Get-AckWorkerRoleActivity -RoleName $script:ProRole -Project $script:Project -Logstore 'actiontrail_ack-audit' -Days 14 -ErrorAction Stop } |
                Should -Throw -ErrorId "AckAuthenticationFailed,$script:Cmd"
        }
        finally { Connect-AckSandbox $script:sbx }
    }

    It 'a missing logstore is AckLogstoreNotFound and a missing project AckProjectNotFound' {
        { Get-AckWorkerRoleActivity -RoleName $script:ProRole -Project $script:Project -Logstore 'actiontrail_nothing' -Days 14 -ErrorAction Stop } |
            Should -Throw -ErrorId "AckLogstoreNotFound,$script:Cmd"
        { Get-AckWorkerRoleActivity -RoleName $script:ProRole -Project 'no-such-project-42' -Logstore 'actiontrail_ack-audit' -Days 14 -ErrorAction Stop } |
            Should -Throw -ErrorId "AckProjectNotFound,$script:Cmd"
    }

    It 'an unknown trail is AckAuditTrailNotFound' {
        { Get-AckWorkerRoleActivity -RoleName $script:ProRole -TrailName 'no-such-trail' -ErrorAction Stop } |
            Should -Throw -ErrorId "AckAuditTrailNotFound,$script:Cmd"
    }

    It 'refuses -Days with -Since, and -Project without -Logstore, before any call' {
        Clear-AckSandboxRequest $script:sbx
        { Get-AckWorkerRoleActivity -RoleName $script:ProRole -Days 3 -Since (Get-Date).AddDays(-5) -ErrorAction Stop } |
            Should -Throw -ErrorId "AckInvalidWindow,$script:Cmd"
        { Get-AckWorkerRoleActivity -RoleName $script:ProRole -Project $script:Project -ErrorAction Stop } |
            Should -Throw -ErrorId "AckInvalidArgument,$script:Cmd"
        @(Get-AckSandboxRequest $script:sbx) | Should -BeNullOrEmpty
    }

    It 'a missing -Path is AckActivityPathNotFound' {
        { Get-AckWorkerRoleActivity -RoleName $script:ProRole -Path (Join-Path $TestDrive 'nothing-here') -ErrorAction Stop } |
            Should -Throw -ErrorId "AckActivityPathNotFound,$script:Cmd"
    }

    It 'has help with a synopsis and examples' {
        $help = Get-Help Get-AckWorkerRoleActivity -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
    }

    It 'shows activities in its table view' {
        $out = Get-AckWorkerRoleActivity -RoleName $script:ProRole -Days 14 -WarningAction SilentlyContinue | Out-String
        $out | Should -Match 'Action\s+Count\s+Denied'
        $out | Should -Match ([regex]::Escape($script:Expected[0].Action))
    }
}
