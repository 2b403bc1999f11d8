BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    . (Join-Path $PSScriptRoot 'CompCloud.Helpers.ps1')
    Import-AckModuleUnderTest
    $script:sbx = Start-AckSandbox
    Connect-AckSandbox $script:sbx
    $script:prodKube = New-TestKubeconfig $script:sbx $ProdCluster
    $script:stagingKube = New-TestKubeconfig $script:sbx $StagingCluster
}
AfterAll {
    Stop-AckSandbox $script:sbx
    Remove-Item -LiteralPath @($script:prodKube, $script:stagingKube | Where-Object { $_ }) -ErrorAction SilentlyContinue
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

    It 'reports cluster-autoscaler as unknown, with a warning, without Kubernetes access' {
        $c = @(Get-AckComponent -ClusterId $ProdCluster -NoUpgradeInfo -WarningVariable w -WarningAction SilentlyContinue)
        $ca = $c | Where-Object Name -eq 'cluster-autoscaler'
        $ca.Source | Should -Be 'Workload'
        $ca.Version | Should -BeNullOrEmpty
        ($w -join ' ') | Should -Match 'cluster-autoscaler.*unknown'
    }

    It 'reads cluster-autoscaler from the acs/autoscaler image tag with a kubeconfig' {
        $ca = Get-AckComponent -ClusterId $ProdCluster -Name cluster-autoscaler -KubeconfigPath $script:prodKube -NoUpgradeInfo
        $ca.Version | Should -Be 'v1.3.0-8a71e3a-aliyun'
        $ca.Source | Should -Be 'Workload'
        $ca.State | Should -Match 'available'
    }

    It 'leaves cluster-autoscaler out when its Deployment does not exist' {
        $c = @(Get-AckComponent -ClusterId $StagingCluster -KubeconfigPath $script:stagingKube -NoUpgradeInfo)
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
