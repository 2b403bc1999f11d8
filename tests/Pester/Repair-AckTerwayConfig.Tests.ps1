# Repair-AckTerwayConfig against a fast copy of the default scenario (prod-legacy's eni_conf lacks credential_path).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-AckModuleUnderTest
    . (Join-Path $PSScriptRoot 'CompKube.TestSupport.ps1')
    $script:sbx = Start-AckSandbox -Scenario (New-FastKubeScenario (Join-Path $TestDrive 'scenario'))
    Connect-AckSandbox $script:sbx

    function Get-EniConf([string] $ClusterId) {
        (Invoke-KubeGet $script:sbx $ClusterId 'api/v1/namespaces/kube-system/configmaps/eni-config').data
    }
}
AfterAll { Stop-AckSandbox $script:sbx }

Describe 'Repair-AckTerwayConfig' {
    BeforeEach {
        Reset-AckSandbox $script:sbx
        Clear-AckSandboxRequest $script:sbx
        $script:backup = Join-Path $TestDrive ('backup-' + [guid]::NewGuid().ToString('N'))
    }

    It 'is declared with ShouldProcess at high impact and both output types' {
        $cmd = Get-Command Repair-AckTerwayConfig
        $cmd.OutputType.Name | Should -Contain 'AckHardening.Components.AckTerwayConfigStatus'
        $cmd.OutputType.Name | Should -Contain 'AckHardening.Components.AckWorkloadRedeployResult'
        $cmd.Parameters.Keys | Should -Contain 'WhatIf'
        $cmd.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $true)[0].ConfirmImpact | Should -Be 'High'
    }

    It 'adds credential_path and leaves every other key and value of eni_conf unchanged' {
        $before = Get-EniConf $script:ProId
        $s = Repair-AckTerwayConfig -ClusterId $script:ProId -BackupPath $script:backup -PassThru -Confirm:$false -WarningAction SilentlyContinue
        $s.Compliant | Should -BeTrue
        $s.CredentialPath | Should -Be '/var/addon/token-config'
        $after = Get-EniConf $script:ProId

        $old = $before.eni_conf | ConvertFrom-Json -AsHashtable
        $new = $after.eni_conf | ConvertFrom-Json -AsHashtable
        $new.credential_path | Should -Be '/var/addon/token-config'
        $new.Remove('credential_path')
        ($new | ConvertTo-Json -Depth 20 -Compress) | Should -Be ($old | ConvertTo-Json -Depth 20 -Compress)
        # The edit is the one inserted line: removing it gives back the original text.
        ($after.eni_conf -replace '\n  "credential_path": "/var/addon/token-config",', '') | Should -Be $before.eni_conf
        # The ConfigMap's other keys are untouched.
        foreach ($k in '10-terway.conf', 'disable_network_policy', 'in_cluster_loadbalance') { $after.$k | Should -Be $before.$k }
        (@((Get-EniConf $script:ProId).eni_conf -split "`n") | Select-String 'min_pool_size' -Context 0, 1).Context.PostContext | Should -Match 'credential_path'
    }

    It 'writes an owner-only backup of the ConfigMap before the change' {
        $s = Repair-AckTerwayConfig -ClusterId $script:ProId -BackupPath $script:backup -PassThru -Confirm:$false -WarningAction SilentlyContinue
        Test-Path -LiteralPath $s.BackupPath | Should -BeTrue
        (Split-Path $s.BackupPath -Parent) | Should -Be (Resolve-Path $script:backup).Path
        $saved = Get-Content -LiteralPath $s.BackupPath -Raw | ConvertFrom-Json
        $saved.metadata.name | Should -Be 'eni-config'
        $saved.data.eni_conf | Should -Not -Match 'credential_path'
        if (-not $IsWindows) {
            [IO.File]::GetUnixFileMode($s.BackupPath) | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite')
        }
        $writes = Get-KubeWrite $script:sbx
        $writes | Should -HaveCount 1
        $writes[0].action | Should -Be 'ReplaceNamespacedConfigMap'
    }

    It 'tells which Terway DaemonSet to redeploy, and does it with -Redeploy' {
        $null = Repair-AckTerwayConfig -ClusterId $script:ProId -BackupPath $script:backup -Confirm:$false -WarningVariable warn -WarningAction SilentlyContinue
        ($warn -join "`n") | Should -Match 'kube-system/daemonset/terway-eniip'
        Reset-AckSandbox $script:sbx
        $out = Repair-AckTerwayConfig -ClusterId $script:ProId -BackupPath $script:backup -Redeploy -PollIntervalSec 0.1 -TimeoutSec 30 -Confirm:$false
        $r = $out | Where-Object { $_ -is [AckHardening.Components.AckWorkloadRedeployResult] }
        $r.Name | Should -Be 'terway-eniip'
        $r.Status | Should -Be 'Succeeded'
        (Get-KubeWrite $script:sbx).action | Should -Be @('ReplaceNamespacedConfigMap', 'PatchNamespacedDaemonSet')
    }

    It 'with -WhatIf writes nothing, neither to the cluster nor a backup' {
        Repair-AckTerwayConfig -ClusterId $script:ProId -BackupPath $script:backup -Redeploy -WhatIf
        Get-KubeWrite $script:sbx | Should -HaveCount 0
        Test-Path -LiteralPath $script:backup | Should -BeFalse
    }

    It 'changes nothing on a compliant cluster' {
        $s = Repair-AckTerwayConfig -ClusterId $script:BasicId -BackupPath $script:backup -PassThru -Confirm:$false
        $s.Compliant | Should -BeTrue
        $s.BackupPath | Should -BeNullOrEmpty
        Get-KubeWrite $script:sbx | Should -HaveCount 0
    }

    It 'reports an unknown cluster with the CS error id' {
        { Repair-AckTerwayConfig -ClusterId 'cnotthere0000000000000000000000000' -BackupPath $script:backup -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'AckClusterNotFound,AckHardening.PowerShell.Commands.RepairAckTerwayConfigCommand'
    }
}
