# Get-AckWorkerRolePolicy against the default sandbox scenario.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-AckModuleUnderTest
    $script:sbx = Start-AckSandbox
    Connect-AckSandbox $script:sbx

    $script:ProId = 'c5b1e8f2a3d4c6e7f8091a2b3c4d5e6f7'
    $script:BasicId = 'c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a'
    $script:ProRole = 'KubernetesWorkerRole-4a9e2f1c-7b3d-4e8a-9c6f-1d2e3f4a5b6c'
    $script:BasicRole = 'KubernetesWorkerRole-0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e'
    $script:ProPolicy = 'k8sWorkerRolePolicy-4a9e2f1c-7b3d-4e8a-9c6f-1d2e3f4a5b6c'
}
AfterAll { Stop-AckSandbox $script:sbx }

Describe 'Get-AckWorkerRolePolicy' {
    BeforeEach { Clear-AckSandboxFault $script:sbx }

    It 'is declared with its output type and both parameter sets' {
        $cmd = Get-Command Get-AckWorkerRolePolicy
        $cmd.OutputType.Name | Should -Contain 'AckHardening.Policy.AckWorkerRolePolicy'
        $cmd.ParameterSets.Name | Should -Contain 'ByCluster'
        $cmd.ParameterSets.Name | Should -Contain 'ByRole'
    }

    It 'returns the broad historical policy of prod-legacy with its default version v2' {
        $p = Get-AckWorkerRolePolicy -ClusterId $script:ProId
        $p | Should -HaveCount 1
        $p | Should -BeOfType ([AckHardening.Policy.AckWorkerRolePolicy])
        $p.ClusterId | Should -Be $script:ProId
        $p.RoleName | Should -Be $script:ProRole
        $p.PolicyName | Should -Be $script:ProPolicy
        $p.PolicyType | Should -Be 'Custom'
        $p.DefaultVersion | Should -Be 'v2'
        $p.StatementCount | Should -BeGreaterThan 0
        $p.ActionCount | Should -BeGreaterThan 0
        $p.ActionCount | Should -Be $p.Document.ActionCount
        $p.Document | Should -BeOfType ([AckHardening.Policy.PolicyDocument])
        { $p.DocumentJson | ConvertFrom-Json } | Should -Not -Throw
    }

    It 'emits nothing for staging-basic and says no restriction is needed' {
        $p = Get-AckWorkerRolePolicy -ClusterId $script:BasicId -InformationVariable info -Verbose 4>$null
        $p | Should -BeNullOrEmpty
        ($info.MessageData -join "`n") | Should -Match ([regex]::Escape("no policy attached to role $($script:BasicRole): no restriction is needed"))
    }

    It 'takes clusters from Get-AckCluster by property name' {
        $all = Get-AckCluster -WarningAction SilentlyContinue | Get-AckWorkerRolePolicy -InformationAction SilentlyContinue
        $all | Should -HaveCount 1
        $all.PolicyName | Should -Be $script:ProPolicy
    }

    It 'with -IncludeNodePoolRoles also returns AckGpuNodePolicy of the gpu pool role' {
        $p = Get-AckWorkerRolePolicy -ClusterId $script:ProId -IncludeNodePoolRoles
        $p.PolicyName | Should -Contain $script:ProPolicy
        $p.PolicyName | Should -Contain 'AckGpuNodePolicy'
        ($p | Where-Object PolicyName -eq 'AckGpuNodePolicy').RoleName | Should -Be 'AckGpuNodeRole'
        ($p | Where-Object PolicyName -eq 'AckGpuNodePolicy').ClusterId | Should -Be $script:ProId
    }

    It 'reads a role by name, also from the pipeline by property name' {
        (Get-AckWorkerRolePolicy -RoleName 'AckGpuNodeRole').PolicyName | Should -Be 'AckGpuNodePolicy'
        ([pscustomobject]@{ RoleName = 'AckGpuNodeRole' } | Get-AckWorkerRolePolicy).PolicyName | Should -Be 'AckGpuNodePolicy'
    }

    It 'writes AckRoleNotFound for an unknown role and goes on with the next' {
        $p = Get-AckWorkerRolePolicy -RoleName 'NoSuchRole', 'AckGpuNodeRole' -ErrorVariable errs -ErrorAction SilentlyContinue
        $p.PolicyName | Should -Be 'AckGpuNodePolicy'
        $errs | Should -HaveCount 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'AckRoleNotFound,AckHardening.PowerShell.Commands.GetAckWorkerRolePolicyCommand'
        $errs[0].TargetObject | Should -Be 'NoSuchRole'
        { Get-AckWorkerRolePolicy -RoleName 'NoSuchRole' -ErrorAction Stop } |
            Should -Throw -ErrorId 'AckRoleNotFound,AckHardening.PowerShell.Commands.GetAckWorkerRolePolicyCommand'
    }

    It 'writes AckClusterNotFound for an unknown cluster' {
        { Get-AckWorkerRolePolicy -ClusterId 'c00000000000000000000000000000000' -ErrorAction Stop } |
            Should -Throw -ErrorId 'AckClusterNotFound,AckHardening.PowerShell.Commands.GetAckWorkerRolePolicyCommand'
    }

    It 'only reads RAM, never writes' {
        Clear-AckSandboxRequest $script:sbx
        $null = Get-AckWorkerRolePolicy -ClusterId $script:ProId -IncludeNodePoolRoles
        $log = Get-AckSandboxRequest $script:sbx
        $log | Should -Not -BeNullOrEmpty
        $log | Where-Object isWrite | Should -BeNullOrEmpty
        $log.action | Should -Contain 'ListPoliciesForRole'
        $log.action | Should -Contain 'GetPolicy'
    }
}
