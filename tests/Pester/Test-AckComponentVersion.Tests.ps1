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

Describe 'Test-AckComponentVersion' {
    Context 'prod-legacy' {
        BeforeAll {
            # No kubeconfig file: cluster-autoscaler's Deployment is read with a temporary kubeconfig from CS.
            $script:rows = @(Test-AckComponentVersion -ClusterId $ProdCluster)
            function Row([string] $name) { $script:rows | Where-Object Component -eq $name }
        }

        It 'returns one row per catalog component' {
            $script:rows.Count | Should -Be 20
            $script:rows[0] | Should -BeOfType ([AckHardening.Components.AckComponentCompliance])
            ($script:rows.ClusterId | Sort-Object -Unique) | Should -Be $ProdCluster
        }

        It 'asks for an upgrade below the minimum' {
            (Row metrics-server).Status | Should -Be 'UpgradeRequired'
            (Row metrics-server).NextStep | Should -Be 'Upgrade'
            (Row terway-eniip).NextStep | Should -Be 'Upgrade'
            (Row terway-eniip).ServiceRoleGranted | Should -BeTrue
        }

        It 'asks for the grant first when the managed role is missing' {
            $cost = Row ack-cost-exporter
            $cost.Status | Should -Be 'UpgradeRequired'
            $cost.NextStep | Should -Be 'GrantServiceRole'
            $cost.ServiceRole | Should -Be 'AliyunCSManagedCostRole'
            $cost.ServiceRoleGranted | Should -BeFalse
        }

        It 'asks for tokenMode managedRole when the ACR helper resolves auto to the worker role' {
            $acr = Row aliyun-acr-credential-helper
            $acr.Status | Should -Be 'Compliant'
            $acr.NextStep | Should -Be 'SetTokenMode'
            $acr.Remarks | Should -Match 'tokenMode'
        }

        It 'redeploys what is new enough and reports what is absent' {
            (Row csi-plugin).NextStep | Should -Be 'Redeploy'
            (Row csi-plugin).Workloads | Should -Be 'kube-system/daemonset/csi-plugin'
            (Row flexvolume).Status | Should -Be 'NotInstalled'
        }

        It 'reads cluster-autoscaler from its image tag without a kubeconfig file' {
            (Row cluster-autoscaler).InstalledVersion | Should -Be 'v1.3.0-8a71e3a-aliyun'
            (Row cluster-autoscaler).Status | Should -Be 'UpgradeRequired'
            (Row cluster-autoscaler).Workloads | Should -Be 'kube-system/deployment/cluster-autoscaler'
        }
    }

    It 'takes clusters from Get-AckCluster, whatever -ThrottleLimit' {
        $a = @(Get-AckCluster -WarningAction SilentlyContinue | Test-AckComponentVersion -ThrottleLimit 1 -WarningAction SilentlyContinue)
        $b = @(Get-AckCluster -WarningAction SilentlyContinue | Test-AckComponentVersion -ThrottleLimit 8 -WarningAction SilentlyContinue)
        $a.Count | Should -Be 40
        ($a | ForEach-Object { "$($_.ClusterId)/$($_.Component)/$($_.Status)" }) | Should -Be ($b | ForEach-Object { "$($_.ClusterId)/$($_.Component)/$($_.Status)" })
    }

    It 'leaves cluster-autoscaler Unknown, with a warning, when CS gives no kubeconfig' {
        [AckHardening.PowerShell.Infrastructure.KubernetesAccess]::ForCurrentRunspace().Clear()
        Add-AckSandboxFault $script:sbx @{ service = 'Cs'; action = 'DescribeClusterUserKubeconfig'; kind = 'error'; status = 403; code = 'ErrorRamPolicyDeny'; count = 10 }
        try {
            $rows = @(Test-AckComponentVersion -ClusterId $ProdCluster -WarningVariable w -WarningAction SilentlyContinue)
        } finally { Clear-AckSandboxFault $script:sbx }
        $rows.Count | Should -Be 20
        ($rows | Where-Object Component -eq cluster-autoscaler).Status | Should -Be 'Unknown'
        ($rows | Where-Object Component -eq metrics-server).Status | Should -Be 'UpgradeRequired'
        ($w -join ' ') | Should -Match 'cluster-autoscaler.*ErrorRamPolicyDeny'
    }

    It 'uses -KubeconfigPath as given and refuses it for a second cluster (AckKubeconfigAmbiguous)' {
        Clear-AckSandboxRequest $script:sbx
        $rows = @(Test-AckComponentVersion -ClusterId $ProdCluster, $StagingCluster -KubeconfigPath $script:prodKube -ErrorVariable e -ErrorAction SilentlyContinue)
        ($rows | Where-Object Component -eq cluster-autoscaler).InstalledVersion | Should -Be 'v1.3.0-8a71e3a-aliyun'
        @($rows.ClusterId | Sort-Object -Unique) | Should -Be @($ProdCluster)
        $e[0].FullyQualifiedErrorId | Should -Be 'AckKubeconfigAmbiguous,AckHardening.PowerShell.Commands.TestAckComponentVersionCommand'
        @(Get-AckSandboxRequest $script:sbx -Service Cs -Action DescribeClusterUserKubeconfig) | Should -HaveCount 0
    }

    It 'finds cluster-autoscaler NotInstalled when its Deployment is absent, with one kubeconfig from CS' {
        Clear-AckSandboxRequest $script:sbx
        [AckHardening.PowerShell.Infrastructure.KubernetesAccess]::ForCurrentRunspace().Clear()
        $rows = @(Test-AckComponentVersion -ClusterId $StagingCluster)
        ($rows | Where-Object Component -eq cluster-autoscaler).Status | Should -Be 'NotInstalled'
        @(Get-AckSandboxRequest $script:sbx -Service Cs -Action DescribeClusterUserKubeconfig) | Should -HaveCount 1
    }

    It '-Quiet is False when something needs work and True when nothing does' {
        Test-AckComponentVersion -ClusterId $ProdCluster -Quiet -WarningAction SilentlyContinue | Should -BeFalse
        $q = @(Test-AckComponentVersion -ClusterId $StagingCluster -Quiet)
        $q.Count | Should -Be 1
        $q[0] | Should -BeTrue
    }

    It 'falls back to RAM GetRole when CheckServiceRole is denied' {
        Clear-AckSandboxRequest $script:sbx
        Add-AckSandboxFault $script:sbx @{ service = 'Cs'; action = 'CheckServiceRole'; kind = 'error'; status = 403; code = 'ErrorCheckAcl'; count = 1 }
        $rows = @(Test-AckComponentVersion -ClusterId $ProdCluster -WarningVariable w -WarningAction SilentlyContinue)
        ($rows | Where-Object Component -eq ack-cost-exporter).ServiceRoleGranted | Should -BeFalse
        ($rows | Where-Object Component -eq terway-eniip).ServiceRoleGranted | Should -BeTrue
        @(Get-AckSandboxRequest $script:sbx -Action GetRole).Count | Should -BeGreaterThan 0
        ($w -join ' ') | Should -Match 'GetRole'
    }

    It 'writes AckClusterNotFound for an unknown cluster; -Quiet then says False' {
        { Test-AckComponentVersion -ClusterId 'cffffffffffffffffffffffffffffffff' -ErrorAction Stop } |
            Should -Throw -ErrorId 'AckClusterNotFound,AckHardening.PowerShell.Commands.TestAckComponentVersionCommand'
        Test-AckComponentVersion -ClusterId 'cffffffffffffffffffffffffffffffff' -Quiet -ErrorAction SilentlyContinue | Should -BeFalse
    }
}
