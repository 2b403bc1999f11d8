# Get-AckPolicyAction against the default sandbox scenario.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-AckModuleUnderTest
    $script:sbx = Start-AckSandbox
    Connect-AckSandbox $script:sbx

    $script:ProId = 'c5b1e8f2a3d4c6e7f8091a2b3c4d5e6f7'
    $script:ProRole = 'KubernetesWorkerRole-4a9e2f1c-7b3d-4e8a-9c6f-1d2e3f4a5b6c'
    $script:ProPolicy = 'k8sWorkerRolePolicy-4a9e2f1c-7b3d-4e8a-9c6f-1d2e3f4a5b6c'
    $script:policy = Get-AckWorkerRolePolicy -ClusterId $script:ProId
}
AfterAll { Stop-AckSandbox $script:sbx }

Describe 'Get-AckPolicyAction' {
    It 'is declared with its output type and an InputObject bound by value' {
        $cmd = Get-Command Get-AckPolicyAction
        $cmd.OutputType.Name | Should -Contain 'AckHardening.Policy.AckPolicyAction'
        $cmd.Parameters['InputObject'].ParameterType | Should -Be ([AckHardening.Policy.AckWorkerRolePolicy[]])
    }

    It 'gives one row per action of the policy, in statement order' {
        $rows = $script:policy | Get-AckPolicyAction
        $rows | Should -HaveCount $script:policy.ActionCount
        $rows | ForEach-Object { $_ | Should -BeOfType ([AckHardening.Policy.AckPolicyAction]) }
        $expected = foreach ($st in $script:policy.Document.Statements) { $st.Action; $st.NotAction }
        $rows.Action | Should -Be @($expected | Where-Object { $_ })
        $rows | ForEach-Object {
            $_.ClusterId | Should -Be $script:ProId
            $_.RoleName | Should -Be $script:ProRole
            $_.PolicyName | Should -Be $script:ProPolicy
            $_.Effect | Should -BeIn 'Allow', 'Deny'
        }
        ($rows | Where-Object IsWildcard).Count | Should -Be $script:policy.WildcardActionCount
        ($rows.StatementIndex | Sort-Object -Unique).Count | Should -Be $script:policy.StatementCount
    }

    It 'does not call the cloud when given the objects' {
        Clear-AckSandboxRequest $script:sbx
        $null = $script:policy | Get-AckPolicyAction
        Get-AckSandboxRequest $script:sbx | Should -BeNullOrEmpty
    }

    It 'reads a policy by name with the role giving its type' {
        $rows = Get-AckPolicyAction -PolicyName 'AckGpuNodePolicy' -RoleName 'AckGpuNodeRole'
        $rows | Should -Not -BeNullOrEmpty
        $rows | ForEach-Object { $_.RoleName | Should -Be 'AckGpuNodeRole'; $_.PolicyName | Should -Be 'AckGpuNodePolicy' }
    }

    It 'binds PolicyName and RoleName by property name from other objects' {
        $rows = [pscustomobject]@{ PolicyName = 'AckGpuNodePolicy'; RoleName = 'AckGpuNodeRole' } | Get-AckPolicyAction
        $rows | Should -Not -BeNullOrEmpty
    }

    It 'writes AckPolicyNotFound for an unknown policy' {
        { Get-AckPolicyAction -PolicyName 'NoSuchPolicy' -ErrorAction Stop } |
            Should -Throw -ErrorId 'AckPolicyNotFound,AckHardening.PowerShell.Commands.GetAckPolicyActionCommand'
    }

    It 'formats as a table grouped by policy' {
        $text = $script:policy | Get-AckPolicyAction | Format-Table | Out-String -Width 200
        $text | Should -Match 'Action'
        $text | Should -Match ([regex]::Escape($script:ProPolicy))
    }
}
