BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    . (Join-Path $PSScriptRoot 'CompCloud.Helpers.ps1')
    Import-AckModuleUnderTest
    $script:sbx = Start-AckSandbox
    Connect-AckSandbox $script:sbx
    $script:prodKube = New-TestKubeconfig $script:sbx $ProdCluster
}
AfterAll {
    Stop-AckSandbox $script:sbx
    if ($script:prodKube) { Remove-Item -LiteralPath $script:prodKube -ErrorAction SilentlyContinue }
}

Describe 'Test-AckServiceRole' {
    It 'reports the grant of every role the catalog names, token not checked with -SkipTokenCheck' {
        Clear-AckSandboxRequest $script:sbx
        $roles = @(Test-AckServiceRole -ClusterId $ProdCluster -SkipTokenCheck)
        $roles.Count | Should -Be 9
        ($roles | Where-Object RoleName -eq AliyunCSManagedCostRole).Granted | Should -BeFalse
        ($roles | Where-Object RoleName -eq AliyunCSManagedCostRole).Components | Should -Be 'ack-cost-exporter'
        ($roles | Where-Object RoleName -eq AliyunCSManagedNetworkRole).Granted | Should -BeTrue
        ($roles | Where-Object RoleName -eq AliyunCSManagedNetworkRole).GrantSource | Should -Be 'CheckServiceRole'
        ($roles.TokenStatus | Sort-Object -Unique) | Should -Be 'NotChecked'
        @(Get-AckSandboxRequest $script:sbx -Service Kubernetes) | Should -HaveCount 0
        @(Get-AckSandboxRequest $script:sbx -Service Cs -Action DescribeClusterUserKubeconfig) | Should -HaveCount 0
    }

    It 'reads the token Secrets without a kubeconfig file (temporary kubeconfig from CS)' {
        Clear-AckSandboxRequest $script:sbx
        [AckHardening.PowerShell.Infrastructure.KubernetesAccess]::ForCurrentRunspace().Clear()
        $roles = @(Test-AckServiceRole -ClusterId $ProdCluster)
        ($roles | Where-Object RoleName -eq AliyunCSManagedAutoScalerRole).TokenStatus | Should -Be 'Error'
        ($roles | Where-Object RoleName -eq AliyunCSManagedNetworkRole).TokenStatus | Should -Be 'Valid'
        @(Get-AckSandboxRequest $script:sbx -Service Cs -Action DescribeClusterUserKubeconfig) | Should -HaveCount 1
    }

    It 'still reports the grants, with a warning, when CS gives no kubeconfig' {
        [AckHardening.PowerShell.Infrastructure.KubernetesAccess]::ForCurrentRunspace().Clear()
        Add-AckSandboxFault $script:sbx @{ service = 'Cs'; action = 'DescribeClusterUserKubeconfig'; kind = 'error'; status = 403; code = 'ErrorRamPolicyDeny'; count = 10 }
        try {
            $roles = @(Test-AckServiceRole -ClusterId $ProdCluster -WarningVariable w -WarningAction SilentlyContinue)
        } finally { Clear-AckSandboxFault $script:sbx }
        $roles.Count | Should -Be 9
        ($roles | Where-Object RoleName -eq AliyunCSManagedCostRole).Granted | Should -BeFalse
        ($roles.TokenStatus | Sort-Object -Unique) | Should -Be 'NotChecked'
        ($w -join ' ') | Should -Match 'ErrorRamPolicyDeny.*not checked'
    }

    It 'reads the token Secrets with a kubeconfig' {
        $roles = @(Test-AckServiceRole -ClusterId $ProdCluster -KubeconfigPath $script:prodKube)
        $as = $roles | Where-Object RoleName -eq AliyunCSManagedAutoScalerRole
        $as.TokenStatus | Should -Be 'Error'
        $as.TokenErrorCode | Should -Be 'EntityNotExist.Role'
        $as.TokenSecret | Should -Be 'kube-system/addon.aliyuncsmanagedautoscalerrole.token'
        $net = $roles | Where-Object RoleName -eq AliyunCSManagedNetworkRole
        $net.TokenStatus | Should -Be 'Valid'
        $net.TokenSecret | Should -Be 'kube-system/addon.network.token'
        ($roles | Where-Object RoleName -eq AliyunCSManagedLogRole).TokenStatus | Should -Be 'Missing'
        # Credential material never reaches the output.
        ($roles | ConvertTo-Json) | Should -Not -Match 'c2J4LWl2'
    }

    It 'checks only -RoleName and falls back to RAM GetRole when CheckServiceRole fails' {
        Add-AckSandboxFault $script:sbx @{ service = 'Cs'; action = 'CheckServiceRole'; kind = 'error'; status = 503; code = 'ServiceUnavailable'; count = 10 }
        try {
            $roles = @(Test-AckServiceRole -ClusterId $ProdCluster -RoleName AliyunCSManagedCostRole, AliyunCSManagedAcrRole -WarningAction SilentlyContinue)
        } finally { Clear-AckSandboxFault $script:sbx }
        $roles.RoleName | Should -Be @('AliyunCSManagedCostRole', 'AliyunCSManagedAcrRole')
        $roles.GrantSource | Should -Be @('RamGetRole', 'RamGetRole')
        $roles.Granted | Should -Be @($false, $true)
    }

    It 'writes AckClusterNotFound for an unknown cluster' {
        { Test-AckServiceRole -ClusterId 'cffffffffffffffffffffffffffffffff' -ErrorAction Stop -WarningAction SilentlyContinue } |
            Should -Throw -ErrorId 'AckClusterNotFound,AckHardening.PowerShell.Commands.TestAckServiceRoleCommand'
    }
}
