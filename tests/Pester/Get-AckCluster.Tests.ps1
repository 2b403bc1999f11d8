# Get-AckCluster against the default sandbox scenario: two managed clusters in scope, one dedicated cluster skipped.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-AckModuleUnderTest
    $script:sbx = Start-AckSandbox
    Connect-AckSandbox $script:sbx

    $script:ProId = 'c5b1e8f2a3d4c6e7f8091a2b3c4d5e6f7'
    $script:BasicId = 'c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a'
    $script:DedicatedId = 'c1a2b3c4d5e6f708192a3b4c5d6e7f809'
    $script:ProRole = 'KubernetesWorkerRole-4a9e2f1c-7b3d-4e8a-9c6f-1d2e3f4a5b6c'
    $script:BasicRole = 'KubernetesWorkerRole-0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e'
}
AfterAll { Stop-AckSandbox $script:sbx }

Describe 'Get-AckCluster' {
    BeforeEach { Clear-AckSandboxFault $script:sbx }

    It 'is declared with its output type and pipeline bindings' {
        $cmd = Get-Command Get-AckCluster
        $cmd.OutputType.Name | Should -Contain 'AckHardening.Clusters.AckCluster'
        $cmd.Parameters['ClusterId'].Attributes.Where({ $_ -is [Parameter] }).ValueFromPipeline | Should -Contain $true
        $cmd.Parameters['ClusterId'].Attributes.Where({ $_ -is [Parameter] }).ValueFromPipelineByPropertyName | Should -Contain $true
        $cmd.Parameters['Name'].Attributes.Where({ $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }) | Should -Not -BeNullOrEmpty
    }

    It 'returns the in-scope clusters and warns about the dedicated one' {
        $clusters = Get-AckCluster -WarningVariable warn -WarningAction SilentlyContinue
        $clusters | Should -HaveCount 2
        $clusters | ForEach-Object { $_ | Should -BeOfType ([AckHardening.Clusters.AckCluster]) }
        ($clusters.ClusterId | Sort-Object) | Should -Be (@($script:BasicId, $script:ProId) | Sort-Object)
        $clusters.ClusterId | Should -Not -Contain $script:DedicatedId
        ($warn -join "`n") | Should -Match $script:DedicatedId
        ($warn -join "`n") | Should -Match 'dedicated'
    }

    It 'reports the worker role, edition, version and node-pool roles of prod-legacy' {
        $pro = Get-AckCluster -ClusterId $script:ProId
        $pro.Name | Should -Be 'prod-legacy'
        $pro.RegionId | Should -Be 'cn-hangzhou'
        $pro.ClusterType | Should -Be 'ManagedKubernetes'
        $pro.ClusterSpec | Should -Be 'ack.pro.small'
        $pro.Edition | Should -Be 'Pro'
        $pro.KubernetesVersion | Should -Be '1.30.7-aliyun.1'
        $pro.State | Should -Be 'running'
        $pro.WorkerRamRoleName | Should -Be $script:ProRole
        $pro.NodePoolCount | Should -Be 2
        $pro.NodePoolWorkerRoles | Should -Contain $script:ProRole
        $pro.NodePoolWorkerRoles | Should -Contain 'AckGpuNodeRole'
        $pro.NodePoolRoleNames | Should -Match 'AckGpuNodeRole'
        ($pro.NodePools | Where-Object Name -eq 'gpu-pool').RamRoleName | Should -Be 'AckGpuNodeRole'
        ($pro.NodePools | Where-Object Name -eq 'default-nodepool').RamRoleName | Should -Be $script:ProRole
    }

    It 'reports staging-basic as Basic with its own worker role' {
        $basic = Get-AckCluster -ClusterId $script:BasicId
        $basic.ClusterSpec | Should -Be 'ack.standard'
        $basic.Edition | Should -Be 'Basic'
        $basic.WorkerRamRoleName | Should -Be $script:BasicRole
    }

    It 'accepts ids from the pipeline, by value and by property name' {
        ($script:ProId, $script:BasicId | Get-AckCluster).ClusterId | Should -Be @($script:ProId, $script:BasicId)
        ([pscustomobject]@{ ClusterId = $script:BasicId } | Get-AckCluster).Name | Should -Be 'staging-basic'
    }

    It 'filters by a wildcard name, ignoring case' {
        $c = Get-AckCluster -Name 'PROD-*'
        $c | Should -HaveCount 1
        $c.ClusterId | Should -Be $script:ProId
        Get-AckCluster -Name 'nothing-like-this-*' | Should -BeNullOrEmpty
    }

    It 'skips the dedicated cluster asked for by id with a warning' {
        $c = Get-AckCluster -ClusterId $script:DedicatedId -WarningVariable warn -WarningAction SilentlyContinue
        $c | Should -BeNullOrEmpty
        ($warn -join "`n") | Should -Match 'old-dedicated'
    }

    It 'writes AckClusterNotFound for an unknown id and still reads the others' {
        $unknown = 'c00000000000000000000000000000000'
        $c = Get-AckCluster -ClusterId $unknown, $script:ProId -ErrorVariable errs -ErrorAction SilentlyContinue
        $c.ClusterId | Should -Be $script:ProId
        $errs | Should -HaveCount 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'AckClusterNotFound,AckHardening.PowerShell.Commands.GetAckClusterCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].TargetObject | Should -Be $unknown
        $errs[0].Exception.InnerException.Code | Should -Be 'ErrorClusterNotFound'
        $errs[0].Exception.InnerException.RequestId | Should -Not -BeNullOrEmpty
    }

    It 'throws AckClusterNotFound with -ErrorAction Stop' {
        { Get-AckCluster -ClusterId 'c00000000000000000000000000000000' -ErrorAction Stop } |
            Should -Throw -ErrorId 'AckClusterNotFound,AckHardening.PowerShell.Commands.GetAckClusterCommand'
    }

    It 'says what it does on the verbose stream' {
        $verbose = Get-AckCluster -ClusterId $script:ProId -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        ($verbose.Message -join "`n") | Should -Match $script:ProRole
    }

    It 'formats as a table with the role column' {
        $text = Get-AckCluster -ClusterId $script:ProId | Format-Table | Out-String -Width 200
        $text | Should -Match 'WorkerRamRoleName'
        $text | Should -Match 'prod-legacy'
    }
}
