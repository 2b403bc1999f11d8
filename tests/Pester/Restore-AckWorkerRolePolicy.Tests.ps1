# Restore-AckWorkerRolePolicy against the default sandbox scenario.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-AckModuleUnderTest
    $script:sbx = Start-AckSandbox
    Connect-AckSandbox $script:sbx

    $script:ProRole = 'KubernetesWorkerRole-4a9e2f1c-7b3d-4e8a-9c6f-1d2e3f4a5b6c'
    $script:ProPolicy = 'k8sWorkerRolePolicy-4a9e2f1c-7b3d-4e8a-9c6f-1d2e3f4a5b6c'
    $script:Small = '{"Version":"1","Statement":[{"Effect":"Allow","Action":["ecs:DescribeInstances","log:GetProject"],"Resource":"*"}]}'
    $script:Foreign = '{"Version":"1","Statement":[{"Effect":"Allow","Action":["oss:GetObject"],"Resource":"*"}]}'
    $script:ErrId = { param($id) "$id,AckHardening.PowerShell.Commands.RestoreAckWorkerRolePolicyCommand" }
    function New-BackupDir { (New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) ("ack-rs-" + [guid]::NewGuid()))).FullName }
    function Get-Writes { @(Get-AckSandboxRequest $script:sbx | Where-Object isWrite) }
}
AfterAll { Stop-AckSandbox $script:sbx }

Describe 'Restore-AckWorkerRolePolicy' {
    BeforeEach {
        Reset-AckSandbox $script:sbx
        Clear-AckSandboxFault $script:sbx
        $script:dir = New-BackupDir
        $script:original = (Get-AckWorkerRolePolicy -RoleName $script:ProRole).Document.ToJson()
        $script:applied = Set-AckWorkerRolePolicy -PolicyName $script:ProPolicy -RoleName $script:ProRole -Document $script:Small -BackupPath $script:dir -Confirm:$false -PassThru
        Clear-AckSandboxRequest $script:sbx
    }

    It 'is declared as a high-impact change with its output type' {
        $cmd = Get-Command Restore-AckWorkerRolePolicy
        $cmd.OutputType.Name | Should -Contain 'AckHardening.Policy.AckPolicyChangeResult'
        $attr = $cmd.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attr.SupportsShouldProcess | Should -BeTrue
        $attr.ConfirmImpact | Should -Be 'High'
    }

    It 'makes the backed-up default the default again; a second run changes nothing' {
        $r = Restore-AckWorkerRolePolicy -BackupFile $script:applied.BackupPath -Confirm:$false -PassThru
        $r.Changed | Should -BeTrue
        $r.DefaultVersion | Should -Be 'v2'
        $r.BackupSha256 | Should -Be $script:applied.BackupSha256
        (Get-Writes).action | Should -Be @('SetDefaultPolicyVersion')
        (Get-AckWorkerRolePolicy -RoleName $script:ProRole).Document.ToJson() | Should -Be $script:original

        Clear-AckSandboxRequest $script:sbx
        $again = Restore-AckWorkerRolePolicy -BackupFile $script:applied.BackupPath -Confirm:$false -PassThru
        $again.Changed | Should -BeFalse
        Get-Writes | Should -HaveCount 0
    }

    It 'binds the file from Set -PassThru and from Get-ChildItem' {
        $script:applied | Restore-AckWorkerRolePolicy -Confirm:$false
        (Get-AckWorkerRolePolicy -RoleName $script:ProRole).DefaultVersion | Should -Be 'v2'
        Get-ChildItem -LiteralPath $script:dir | Restore-AckWorkerRolePolicy -Confirm:$false
        Get-Writes | Should -HaveCount 1
    }

    It '-WhatIf sends no write' {
        Restore-AckWorkerRolePolicy -BackupFile $script:applied.BackupPath -WhatIf
        Get-Writes | Should -HaveCount 0
    }

    It 'refuses when someone else changed the policy since the backup, and shows the difference; -Force restores' {
        Set-AckWorkerRolePolicy -PolicyName $script:ProPolicy -RoleName $script:ProRole -Document $script:Foreign -BackupPath (New-BackupDir) -Confirm:$false
        Clear-AckSandboxRequest $script:sbx
        $err = $null; $warn = $null
        Restore-AckWorkerRolePolicy -BackupFile $script:applied.BackupPath -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue -WarningVariable warn -WarningAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be (& $script:ErrId 'AckPolicyChangedSinceBackup')
        $err[0].Exception.Message | Should -Match 'v4'
        ($err[0].TargetObject | Where-Object SideIndicator -eq '=>').Action | Should -Contain 'oss:GetObject'
        ($warn -join ' ') | Should -Match 'gained: oss:GetObject;'
        Get-Writes | Should -HaveCount 0

        $r = Restore-AckWorkerRolePolicy -BackupFile $script:applied.BackupPath -Force -Confirm:$false -PassThru -WarningAction SilentlyContinue
        $r.DefaultVersion | Should -Be 'v2'
    }

    It 'restores a chosen version with -VersionId, recreating it when it was deleted' {
        $bk = New-BackupDir
        $doc = '{"Version":"1","Statement":[{"Effect":"Allow","Action":["ecs:DescribeInstances","cr:PullRepository"],"Resource":"*"}]}'
        $set = Set-AckWorkerRolePolicy -PolicyName AckLegacyNodePolicy -RoleName AckLegacyNodeRole -Document $doc -BackupPath $bk -Confirm:$false -PassThru
        $set.DefaultVersion | Should -Be 'v8'   # v3 was deleted to make room
        Clear-AckSandboxRequest $script:sbx
        $r = Restore-AckWorkerRolePolicy -BackupFile $set.BackupPath -VersionId v3 -Confirm:$false -PassThru
        (Get-Writes).action | Should -Be @('DeletePolicyVersion', 'CreatePolicyVersion')
        $r.DefaultVersion | Should -Be 'v9'
        $r.Document.Statements[0].Action | Should -Be @('ecs:*', 'vpc:*', 'slb:*')
    }

    It 'refuses a -VersionId the backup does not hold' {
        { Restore-AckWorkerRolePolicy -BackupFile $script:applied.BackupPath -VersionId v9 -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId (& $script:ErrId 'AckPolicyVersionNotInBackup')
    }

    It 're-attaches a policy that was detached' {
        $bk = New-BackupDir
        $detached = Set-AckWorkerRolePolicy -PolicyName AckGpuNodePolicy -RoleName AckGpuNodeRole -Document ([AckHardening.Policy.PolicyDocument]::new()) -DetachWhenEmpty -BackupPath $bk -Confirm:$false -PassThru
        $detached.IsAttached | Should -BeFalse
        Clear-AckSandboxRequest $script:sbx
        $r = Restore-AckWorkerRolePolicy -BackupFile $detached.BackupPath -Confirm:$false -PassThru
        $r.IsAttached | Should -BeTrue
        (Get-Writes).action | Should -Be @('AttachPolicyToRole')
        (Get-AckWorkerRolePolicy -RoleName AckGpuNodeRole).PolicyName | Should -Be 'AckGpuNodePolicy'
    }

    It 'finishes when the answer to SetDefaultPolicyVersion is lost' {
        Add-AckSandboxFault $script:sbx @{ service = 'Ram'; action = 'SetDefaultPolicyVersion'; kind = 'reset-after'; count = 1 }
        $r = Restore-AckWorkerRolePolicy -BackupFile $script:applied.BackupPath -Confirm:$false -PassThru
        $r.DefaultVersion | Should -Be 'v2'
        (Get-AckWorkerRolePolicy -RoleName $script:ProRole).Document.ToJson() | Should -Be $script:original
    }

    It 'reports a missing backup file' {
        { Restore-AckWorkerRolePolicy -BackupFile (Join-Path $script:dir 'missing.json') -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId (& $script:ErrId 'AckPolicyBackupNotFound')
    }

    It 'refuses a backup edited after it was written' {
        $text = (Get-Content -Raw -LiteralPath $script:applied.BackupPath) -replace 'ecs:AttachDisk', 'ecs:AttachDiskX'
        $tampered = Join-Path $script:dir 'tampered.json'
        Set-Content -LiteralPath $tampered -Value $text
        { Restore-AckWorkerRolePolicy -BackupFile $tampered -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId (& $script:ErrId 'AckPolicyBackupInvalid')
        Get-Writes | Should -HaveCount 0
    }
}
