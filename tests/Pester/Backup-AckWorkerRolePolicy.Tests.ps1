# Backup-AckWorkerRolePolicy against the default sandbox scenario.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-AckModuleUnderTest
    $script:sbx = Start-AckSandbox
    Connect-AckSandbox $script:sbx

    $script:ProId = 'c5b1e8f2a3d4c6e7f8091a2b3c4d5e6f7'
    $script:ProRole = 'KubernetesWorkerRole-4a9e2f1c-7b3d-4e8a-9c6f-1d2e3f4a5b6c'
    $script:ProPolicy = 'k8sWorkerRolePolicy-4a9e2f1c-7b3d-4e8a-9c6f-1d2e3f4a5b6c'
    $script:ErrId = { param($id) "$id,AckHardening.PowerShell.Commands.BackupAckWorkerRolePolicyCommand" }
    function New-BackupDir { Join-Path ([IO.Path]::GetTempPath()) ("ack-bk-" + [guid]::NewGuid()) }
}
AfterAll { Stop-AckSandbox $script:sbx }

Describe 'Backup-AckWorkerRolePolicy' {
    BeforeEach {
        Clear-AckSandboxFault $script:sbx
        Clear-AckSandboxRequest $script:sbx
        $script:dir = New-BackupDir
    }

    It 'is declared with its output type' {
        (Get-Command Backup-AckWorkerRolePolicy).OutputType.Name | Should -Contain 'AckHardening.Policy.AckPolicyBackupInfo'
    }

    It 'backs up every version of a piped policy into a new folder, with a verifiable hash' {
        $b = Get-AckWorkerRolePolicy -ClusterId $script:ProId | Backup-AckWorkerRolePolicy -Path $script:dir
        $b | Should -BeOfType ([AckHardening.Policy.AckPolicyBackupInfo])
        $b.PolicyName | Should -Be $script:ProPolicy
        $b.PolicyType | Should -Be 'Custom'
        $b.RoleName | Should -Be $script:ProRole
        $b.ClusterId | Should -Be $script:ProId
        $b.VersionCount | Should -Be 2
        $b.VersionIds | Should -Be @('v1', 'v2')
        $b.DefaultVersion | Should -Be 'v2'
        $b.Sha256 | Should -Match '^[0-9a-f]{64}$'
        Split-Path -Parent $b.Path | Should -Be (Get-Item -LiteralPath $script:dir).FullName
        $file = Get-Content -Raw -LiteralPath $b.Path | ConvertFrom-Json
        $file.Format | Should -Be 'AckHardening.PolicyBackup'
        $file.Sha256 | Should -Be $b.Sha256
        # The file's own hash, as Get-FileHash computes it, is returned too.
        $b.FileSha256 | Should -Be (Get-FileHash -LiteralPath $b.Path -Algorithm SHA256).Hash.ToLowerInvariant()
        $file.Content.AttachedToRole | Should -BeTrue
        $file.Content.Versions | ForEach-Object { { $_.DocumentText | ConvertFrom-Json } | Should -Not -Throw }
        @(Get-ChildItem -LiteralPath $script:dir -Force) | Should -HaveCount 1 -Because 'no temporary file stays behind'
    }

    It 'reads RAM only' {
        Backup-AckWorkerRolePolicy -PolicyName AckLegacyNodePolicy -RoleName AckLegacyNodeRole -Path $script:dir | Out-Null
        @(Get-AckSandboxRequest $script:sbx | Where-Object isWrite) | Should -HaveCount 0
        (Get-AckSandboxRequest $script:sbx).action | Should -Contain 'ListPolicyVersions'
    }

    It 'records all five versions of a full policy' {
        $b = Backup-AckWorkerRolePolicy -PolicyName AckLegacyNodePolicy -RoleName AckLegacyNodeRole -Path $script:dir
        $b.VersionIds | Should -Be @('v3', 'v4', 'v5', 'v6', 'v7')
        $b.DefaultVersion | Should -Be 'v5'
    }

    It 'writes one file per policy, and distinct files for backups in the same second' {
        $a = Backup-AckWorkerRolePolicy -PolicyName AckGpuNodePolicy -Path $script:dir
        $b = Backup-AckWorkerRolePolicy -PolicyName AckGpuNodePolicy -Path $script:dir
        $a.Path | Should -Not -Be $b.Path
        @(Get-ChildItem -LiteralPath $script:dir) | Should -HaveCount 2
    }

    It '-WhatIf writes no file and calls nothing' {
        Backup-AckWorkerRolePolicy -PolicyName AckGpuNodePolicy -Path $script:dir -WhatIf
        Test-Path -LiteralPath $script:dir | Should -BeFalse
        @(Get-AckSandboxRequest $script:sbx) | Should -HaveCount 0
    }

    It 'reports an unknown policy' {
        { Backup-AckWorkerRolePolicy -PolicyName NoSuchPolicy -Path $script:dir -ErrorAction Stop } |
            Should -Throw -ErrorId (& $script:ErrId 'AckPolicyNotFound')
    }

    It 'reports a folder it cannot write' {
        $file = New-TemporaryFile
        { Backup-AckWorkerRolePolicy -PolicyName AckGpuNodePolicy -Path (Join-Path $file.FullName 'sub') -ErrorAction Stop } |
            Should -Throw -ErrorId (& $script:ErrId 'AckPolicyBackupWriteFailed')
    }

    It 'survives a throttled read' {
        Add-AckSandboxFault $script:sbx @{ service = 'Ram'; action = 'ListPolicyVersions'; kind = 'throttle'; count = 1 }
        (Backup-AckWorkerRolePolicy -PolicyName AckGpuNodePolicy -Path $script:dir).VersionCount | Should -Be 1
    }
}
