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

Describe 'Get-AckComponent' {
    It 'lists the addons of component management with the newest upgradable version' {
        $c = @(Get-AckComponent -ClusterId $ProdCluster -WarningAction SilentlyContinue)
        $ms = $c | Where-Object Name -eq 'metrics-server'
        $ms.Version | Should -Be 'v0.3.8.5-307cf45-aliyun'
        $ms.Source | Should -Be 'AddonApi'
        $ms.State | Should -Be 'active'
        $ms.UpgradeTo | Should -Be 'v0.3.9.7-85b3699-aliyun'
        # v1.9.2 needs Kubernetes 1.31: not upgradable on 1.30.7.
        ($c | Where-Object Name -eq 'terway-eniip').UpgradeTo | Should -Be 'v1.8.13'
        ($c | Where-Object Name -eq 'aliyun-acr-credential-helper').UpgradeTo | Should -Be 'v24.11.04.1-2f5e7a9-aliyun'
        ($c | Where-Object Name -eq 'coredns').ClusterId | Should -Be $ProdCluster
    }

    It 'reads cluster-autoscaler from its image tag without any kubeconfig file (temporary kubeconfig from CS)' {
        Clear-AckSandboxRequest $script:sbx
        [AckHardening.PowerShell.Infrastructure.KubernetesAccess]::ForCurrentRunspace().Clear()
        $ca = Get-AckComponent -ClusterId $ProdCluster -Name cluster-autoscaler -NoUpgradeInfo
        $ca.Version | Should -Be 'v1.3.0-8a71e3a-aliyun'
        $ca.Source | Should -Be 'Workload'
        $ca.State | Should -Match 'available'
        @(Get-AckSandboxRequest $script:sbx -Service Cs -Action DescribeClusterUserKubeconfig) | Should -HaveCount 1
        @(Get-AckSandboxRequest $script:sbx -Service Kubernetes | Where-Object path -like '*/deployments/cluster-autoscaler') | Should -HaveCount 1
        # The kubeconfig is held for the session: a second run asks CS for nothing new.
        $null = Get-AckComponent -ClusterId $ProdCluster -Name cluster-autoscaler -NoUpgradeInfo
        @(Get-AckSandboxRequest $script:sbx -Service Cs -Action DescribeClusterUserKubeconfig) | Should -HaveCount 1
    }

    It 'reports cluster-autoscaler as unknown, with a warning, when CS gives no kubeconfig' {
        [AckHardening.PowerShell.Infrastructure.KubernetesAccess]::ForCurrentRunspace().Clear()
        Add-AckSandboxFault $script:sbx @{ service = 'Cs'; action = 'DescribeClusterUserKubeconfig'; kind = 'error'; status = 403; code = 'ErrorRamPolicyDeny'; count = 10 }
        try {
            $c = @(Get-AckComponent -ClusterId $ProdCluster -NoUpgradeInfo -WarningVariable w -WarningAction SilentlyContinue)
        } finally { Clear-AckSandboxFault $script:sbx }
        $ca = $c | Where-Object Name -eq 'cluster-autoscaler'
        $ca.Source | Should -Be 'Workload'
        $ca.Version | Should -BeNullOrEmpty
        ($c | Where-Object Name -eq 'metrics-server').Version | Should -Be 'v0.3.8.5-307cf45-aliyun'
        ($w -join ' ') | Should -Match 'cluster-autoscaler.*ErrorRamPolicyDeny.*unknown'
    }

    It 'reads cluster-autoscaler through -KubeconfigPath without asking CS for a kubeconfig' {
        Clear-AckSandboxRequest $script:sbx
        $ca = Get-AckComponent -ClusterId $ProdCluster -Name cluster-autoscaler -KubeconfigPath $script:prodKube -NoUpgradeInfo
        $ca.Version | Should -Be 'v1.3.0-8a71e3a-aliyun'
        $ca.Source | Should -Be 'Workload'
        @(Get-AckSandboxRequest $script:sbx -Service Cs -Action DescribeClusterUserKubeconfig) | Should -HaveCount 0
    }

    It 'refuses one -KubeconfigPath for two clusters (AckKubeconfigAmbiguous) and still lists the first' {
        $c = @(Get-AckComponent -ClusterId $ProdCluster, $StagingCluster -KubeconfigPath $script:prodKube -NoUpgradeInfo -ErrorVariable e -ErrorAction SilentlyContinue)
        $e[0].FullyQualifiedErrorId | Should -Be 'AckKubeconfigAmbiguous,AckHardening.PowerShell.Commands.GetAckComponentCommand'
        @($c.ClusterId | Sort-Object -Unique) | Should -Be @($ProdCluster)
    }

    It 'leaves cluster-autoscaler out when its Deployment does not exist' {
        $c = @(Get-AckComponent -ClusterId $StagingCluster -NoUpgradeInfo)
        $c.Name | Should -Not -Contain 'cluster-autoscaler'
        $c.Name | Should -Contain 'terway-eniip'
    }

    It 'makes no DescribeAddon call with -NoUpgradeInfo' {
        Clear-AckSandboxRequest $script:sbx
        $null = Get-AckComponent -ClusterId $StagingCluster -NoUpgradeInfo -WarningAction SilentlyContinue
        @(Get-AckSandboxRequest $script:sbx -Action DescribeAddon).Count | Should -Be 0
        @(Get-AckSandboxRequest $script:sbx -Action ListClusterAddonInstances).Count | Should -Be 1
    }

    It 'takes cluster ids from Get-AckCluster and filters by name' {
        $c = @(Get-AckCluster -WarningAction SilentlyContinue | Get-AckComponent -Name 'csi-*' -NoUpgradeInfo -WarningAction SilentlyContinue)
        $c.Count | Should -Be 4
        @($c.ClusterId | Sort-Object -Unique).Count | Should -Be 2
    }

    It 'writes AckClusterNotFound for an unknown cluster and goes on' {
        $c = @(Get-AckComponent -ClusterId 'cffffffffffffffffffffffffffffffff', $StagingCluster -NoUpgradeInfo -ErrorVariable e -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
        $e[0].FullyQualifiedErrorId | Should -Be 'AckClusterNotFound,AckHardening.PowerShell.Commands.GetAckComponentCommand'
        $c.Name | Should -Contain 'metrics-server'
    }
}
