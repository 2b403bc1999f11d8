# Acceptance of issue 5 (step 6), end to end against a fresh sandbox, exactly as a user types it:
#   $a = Get-AckCluster -ClusterId <id> | Get-AckWorkerRoleActivity -Days 14
#   Get-AckCluster -ClusterId <id> | Get-AckWorkerRolePolicy | Get-AckPolicyRecommendation -Activity $a |
#       Set-AckWorkerRolePolicy -BackupPath $dir -Confirm:$false -PassThru
#   Restore-AckWorkerRolePolicy -BackupFile <file> -Confirm:$false
# The new default document is judged twice: by the module (Test-AckPolicyAccess) and by a small evaluator written
# here in PowerShell (PolicyAcceptanceHelpers.psm1), so the engine is not the only witness of its own work.
# The Its of a Describe tell one story and run in order: each step uses what the one before left.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'PolicyAcceptanceHelpers.psm1') -Force
    Import-AckModuleUnderTest

    $script:ProId = 'c5b1e8f2a3d4c6e7f8091a2b3c4d5e6f7'
    $script:ProRole = 'KubernetesWorkerRole-4a9e2f1c-7b3d-4e8a-9c6f-1d2e3f4a5b6c'
    $script:ProPolicy = 'k8sWorkerRolePolicy-4a9e2f1c-7b3d-4e8a-9c6f-1d2e3f4a5b6c'

    function Get-ProPolicy { Get-AckCluster -ClusterId $script:ProId | Get-AckWorkerRolePolicy | Where-Object PolicyName -eq $script:ProPolicy }
    function Get-Writes([Parameter(Mandatory)] $Sandbox) { @(Get-AckSandboxRequest $Sandbox | Where-Object isWrite) }

    # The common assertions on an applied least-privilege document: every used action allowed (module and
    # independent evaluator agree), no grant left that covers no used action, kept statements exactly as before.
    function Assert-LeastPrivilege($Applied, $Original, $Activity) {
        $used = @($Activity | Where-Object { $_.RoleName -eq $script:ProRole -and $_.Count -gt 0 } | ForEach-Object Action)
        $used.Count | Should -BeGreaterThan 10 -Because 'the scenario has a realistic set of used actions'

        Test-AckPolicyAccess -Document $Applied -Activity $Activity | Should -BeNullOrEmpty
        Test-AckPolicyAccess -Document $Applied -Activity $Activity -Quiet | Should -BeTrue
        $denied = @($used | Where-Object { -not (Test-PolicyAllowsAction -Json $Applied.DocumentJson -Action $_) })
        $denied | Should -BeNullOrEmpty -Because 'the independent evaluator must find every used action allowed'

        Get-UnusedPolicyGrant -Json $Applied.DocumentJson -UsedAction $used | Should -BeNullOrEmpty
        Get-KeptPolicyStatement -Json $Applied.DocumentJson | Should -Be (Get-KeptPolicyStatement -Json $Original.DocumentJson)

        # Actions the role was only ever refused are not granted by the recommendation.
        foreach ($wanted in @($Activity | Where-Object { $_.RoleName -eq $script:ProRole -and $_.Count -eq 0 -and $_.DeniedCount -gt 0 })) {
            Test-PolicyAllowsAction -Json $Applied.DocumentJson -Action $wanted.Action | Should -BeFalse
        }
    }
}

Describe 'Step 6 acceptance: recommend, apply and roll back the worker role policy (default scenario)' {
    BeforeAll {
        $script:sbx = Start-AckSandbox
        Connect-AckSandbox $script:sbx
        $script:dir = Join-Path $TestDrive 'backups'
        $script:original = Get-ProPolicy
        $script:a = Get-AckCluster -ClusterId $script:ProId | Get-AckWorkerRoleActivity -Days 14 -WarningAction SilentlyContinue
    }
    AfterAll { Stop-AckSandbox $script:sbx }

    It 'starts from the broad historical policy (v2) and 14 days of the role''s activity' {
        $script:original.DefaultVersion | Should -Be 'v2'
        $script:a | Should -Not -BeNullOrEmpty
        $script:a | ForEach-Object { $_ | Should -BeOfType ([AckHardening.Audit.AckRoleActivity]) }
        @($script:a | Where-Object DeniedCount -gt 0) | Should -Not -BeNullOrEmpty -Because 'the scenario holds refused calls too'
        # The independent checks bite on the original: it grants plenty the role never used.
        $used = @($script:a | Where-Object Count -gt 0 | ForEach-Object Action)
        @(Get-UnusedPolicyGrant -Json $script:original.DocumentJson -UsedAction $used) | Should -Contain 'slb:*'
        Test-PolicyAllowsAction -Json $script:original.DocumentJson -Action 'ram:CreateUser' | Should -BeFalse
        Test-PolicyAllowsAction -Json $script:original.DocumentJson -Action 'ECS:describeinstances' | Should -BeTrue
    }

    It 'refuses evidence read from a 3-day trail, even when 14 days are asked for, and writes nothing' {
        $a3 = Get-AckCluster -ClusterId $script:ProId | Get-AckWorkerRoleActivity -TrailName 'ack-audit-3d' -Days 14 -WarningAction SilentlyContinue
        $c3 = Get-AckCluster -ClusterId $script:ProId | Get-AckActivityCoverage -TrailName 'ack-audit-3d' -Days 14 -WarningAction SilentlyContinue |
            Where-Object RoleName -eq $script:ProRole
        $c3.Days | Should -BeLessThan 4 -Because 'the window is what the trail logged, not what was asked for'
        $c3.TrailName | Should -Be 'ack-audit-3d'
        $c3.TrailReady | Should -BeFalse
        Clear-AckSandboxRequest $script:sbx
        { Get-AckCluster -ClusterId $script:ProId | Get-AckWorkerRolePolicy |
            Get-AckPolicyRecommendation -Activity $a3 -Coverage $c3 -ErrorAction Stop |
            Set-AckWorkerRolePolicy -BackupPath $script:dir -Confirm:$false } |
            Should -Throw -ErrorId 'AckEvidenceInsufficient,AckHardening.PowerShell.Commands.GetAckPolicyRecommendationCommand'
        Get-Writes $script:sbx | Should -BeNullOrEmpty
    }

    It 'the same pipeline with -WhatIf makes no write and writes no backup' {
        Clear-AckSandboxRequest $script:sbx
        $out = Get-AckCluster -ClusterId $script:ProId | Get-AckWorkerRolePolicy | Get-AckPolicyRecommendation -Activity $script:a -WarningAction SilentlyContinue |
            Set-AckWorkerRolePolicy -BackupPath $script:dir -WhatIf -PassThru
        $out | Should -BeNullOrEmpty
        Get-Writes $script:sbx | Should -BeNullOrEmpty
        @(Get-AckSandboxRequest $script:sbx -Service Ram) | Should -Not -BeNullOrEmpty -Because 'the plan is computed from RAM reads'
        Test-Path -LiteralPath $script:dir | Should -BeFalse
        (Get-ProPolicy).DefaultVersion | Should -Be 'v2'
    }

    It 'applies the recommendation as one new default version, after a backup' {
        Clear-AckSandboxRequest $script:sbx
        $script:result = Get-AckCluster -ClusterId $script:ProId | Get-AckWorkerRolePolicy |
            Get-AckPolicyRecommendation -Activity $script:a -WarningAction SilentlyContinue |
            Set-AckWorkerRolePolicy -BackupPath $script:dir -Confirm:$false -PassThru
        $script:result | Should -HaveCount 1
        $script:result.PolicyName | Should -Be $script:ProPolicy
        $script:result.Changed | Should -BeTrue
        $script:result.PreviousDefaultVersion | Should -Be 'v2'
        $script:result.DefaultVersion | Should -Be 'v3'
        Test-Path -LiteralPath $script:result.BackupPath | Should -BeTrue
        # The hash is over the backup's content and is recorded in the file itself, which a restore verifies.
        (Get-Content -Raw -LiteralPath $script:result.BackupPath | ConvertFrom-Json).Sha256 | Should -Be $script:result.BackupSha256
        @(Get-Writes $script:sbx | ForEach-Object action) | Should -Be @('CreatePolicyVersion')
    }

    It 'leaves a default version that allows every used action and nothing unused' {
        $script:applied = Get-ProPolicy
        $script:applied.DefaultVersion | Should -Be $script:result.DefaultVersion
        $script:applied.ActionCount | Should -BeLessThan $script:original.ActionCount
        Assert-LeastPrivilege -Applied $script:applied -Original $script:original -Activity $script:a
    }

    It 'a rerun of the same pipeline changes nothing' {
        Clear-AckSandboxRequest $script:sbx
        $again = Get-AckCluster -ClusterId $script:ProId | Get-AckWorkerRolePolicy |
            Get-AckPolicyRecommendation -Activity $script:a -WarningAction SilentlyContinue |
            Set-AckWorkerRolePolicy -BackupPath $script:dir -Confirm:$false -PassThru
        $again.Changed | Should -BeFalse
        Get-Writes $script:sbx | Should -BeNullOrEmpty
    }

    It 'Restore-AckWorkerRolePolicy -BackupFile brings back the original document' {
        $restore = Restore-AckWorkerRolePolicy -BackupFile $script:result.BackupPath -Confirm:$false -PassThru
        $restore.Changed | Should -BeTrue
        $restored = Get-ProPolicy
        $restored.DefaultVersion | Should -Be 'v2' -Because 'the original version still exists unchanged, so it is made default again'
        Compare-AckPolicy -Reference $script:original -Difference $restored | Should -BeNullOrEmpty
        $restored.DocumentJson | Should -BeExactly $script:original.DocumentJson
        Compare-AckPolicy -ReferenceBackupFile $script:result.BackupPath -Difference $restored | Should -BeNullOrEmpty
    }
}

Describe 'Step 6 acceptance as a careful user: -Coverage and -Trail, on a policy holding Deny, Condition and NotAction statements' {
    BeforeAll {
        $scenario = New-KeptStatementScenario -Path (Join-Path $TestDrive 'scenario') -PolicyName $script:ProPolicy
        $script:sbx = Start-AckSandbox -Scenario $scenario
        Connect-AckSandbox $script:sbx
        $script:dir = Join-Path $TestDrive 'backups'
        $script:original = Get-ProPolicy
        $script:a = Get-AckCluster -ClusterId $script:ProId | Get-AckWorkerRoleActivity -Days 14 -WarningAction SilentlyContinue
        $script:coverage = Get-AckCluster -ClusterId $script:ProId | Get-AckActivityCoverage -Days 14 -WarningAction SilentlyContinue
        $script:trail = Get-AckAuditTrail -Name 'ack-audit'
        $script:shortTrail = Get-AckAuditTrail -Name 'ack-audit-3d'
    }
    AfterAll { Stop-AckSandbox $script:sbx }

    It 'the evidence: a trail ready for analysis, but a window that has not settled' {
        $script:trail.ReadyForAnalysis | Should -BeTrue
        $pro = $script:coverage | Where-Object RoleName -eq $script:ProRole
        $pro.IsWindowLongEnough | Should -BeFalse -Because 'the scenario''s node calls first appear in the last two days'
        ($pro.Reasons -join ' ') | Should -Match 'first appeared in the last'
        @(Get-KeptPolicyStatement -Json $script:original.DocumentJson) | Should -HaveCount 3
    }

    It 'with a trail that is not ready the recommendation refuses, naming the reason, and writes nothing' {
        $script:shortTrail.ReadyForAnalysis | Should -BeFalse
        Clear-AckSandboxRequest $script:sbx
        { Get-AckCluster -ClusterId $script:ProId | Get-AckWorkerRolePolicy |
            Get-AckPolicyRecommendation -Activity $script:a -Coverage $script:coverage -Trail $script:shortTrail -ErrorAction Stop |
            Set-AckWorkerRolePolicy -BackupPath $script:dir -Confirm:$false } |
            Should -Throw -ErrorId 'AckEvidenceInsufficient,AckHardening.PowerShell.Commands.GetAckPolicyRecommendationCommand' -ExpectedMessage '*ack-audit-3d is not ready*'
        Get-Writes $script:sbx | Should -BeNullOrEmpty
    }

    It 'with -Force it applies, passing on the unsettled-evidence doubt and keeping the Deny, Condition and NotAction statements' {
        $script:result = Get-AckCluster -ClusterId $script:ProId | Get-AckWorkerRolePolicy |
            Get-AckPolicyRecommendation -Activity $script:a -Coverage $script:coverage -Trail $script:shortTrail -Force -WarningVariable w -WarningAction SilentlyContinue |
            Set-AckWorkerRolePolicy -BackupPath $script:dir -Confirm:$false -PassThru
        ($w -join "`n") | Should -Match 'Forced despite insufficient evidence'
        # The collector's doubt (actions that first appeared in the last days) reaches the user as a warning.
        ($w -join "`n") | Should -Match 'first appeared in the last'
        ($w -join "`n") | Should -Not -Match 'give -Coverage' -Because 'the coverage gave the real window'
        $script:result.Changed | Should -BeTrue
        $applied = Get-ProPolicy
        Assert-LeastPrivilege -Applied $applied -Original $script:original -Activity $script:a
        @(Get-KeptPolicyStatement -Json $applied.DocumentJson) | Should -HaveCount 3
    }

    It 'restores the original document, kept statements included' {
        Restore-AckWorkerRolePolicy -BackupFile $script:result.BackupPath -Confirm:$false
        $restored = Get-ProPolicy
        Compare-AckPolicy -Reference $script:original -Difference $restored | Should -BeNullOrEmpty
        $restored.DocumentJson | Should -BeExactly $script:original.DocumentJson
    }
}
