BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    . (Join-Path $PSScriptRoot 'CompCloud.Helpers.ps1')
    Import-AckModuleUnderTest
    $script:sbx = Start-AckSandbox
    Connect-AckSandbox $script:sbx
    $script:cmd = 'AckHardening.PowerShell.Commands.UpdateAckComponentCommand'
    function Writes { @(Get-AckSandboxRequest $script:sbx | Where-Object isWrite) }
}
AfterAll { Stop-AckSandbox $script:sbx }

Describe 'Update-AckComponent' {
    BeforeEach { Reset-AckSandbox $script:sbx; Clear-AckSandboxRequest $script:sbx }

    It '-WhatIf plans every upgrade and sends no write request' {
        $out = Get-AckCluster -WarningAction SilentlyContinue | Test-AckComponentVersion -WarningAction SilentlyContinue |
            Where-Object Status -eq UpgradeRequired | Update-AckComponent -WhatIf -ErrorVariable e -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        Writes | Should -BeNullOrEmpty
        @(Get-AckSandboxRequest $script:sbx -Action DescribeAddon).Count | Should -BeGreaterThan 0
        # ack-cost-exporter and cluster-autoscaler (read from its image tag) both lack their managed role.
        $e.FullyQualifiedErrorId | Should -Be (@("AckServiceRoleNotGranted,$script:cmd") * 2)
    }

    It 'upgrades what is below the minimum, one task at a time, and refuses the component without its role' {
        $results = @(Get-AckCluster -WarningAction SilentlyContinue | Test-AckComponentVersion -WarningAction SilentlyContinue |
            Where-Object Status -eq UpgradeRequired |
            Update-AckComponent -Confirm:$false -PollIntervalSec 0.2 -ErrorVariable e -ErrorAction SilentlyContinue)
        $results.Component | Should -Be @('metrics-server', 'ack-node-problem-detector', 'terway-eniip', 'storage-operator', 'logtail-ds')
        ($results.Status | Sort-Object -Unique) | Should -Be 'Succeeded'
        ($results | Where-Object Component -eq terway-eniip).ToVersion | Should -Be 'v1.8.13'
        $results[0].TaskId | Should -Match '^T-'
        $results[0].Duration | Should -BeGreaterThan ([TimeSpan]::Zero)
        @($e).Count | Should -Be 2
        $e.FullyQualifiedErrorId | Should -Be (@("AckServiceRoleNotGranted,$script:cmd") * 2)
        $e[0].Exception.Message | Should -Match 'AliyunCSManagedCostRole'
        $e[1].Exception.Message | Should -Match 'AliyunCSManagedAutoScalerRole'

        $writes = Writes
        $writes.action | Should -Be (@('UpgradeClusterAddons') * 5)
        (Get-AckComponent -ClusterId $ProdCluster -Name ack-cost-exporter -NoUpgradeInfo -WarningAction SilentlyContinue).Version | Should -Be '1.0.8'
        (Get-AckComponent -ClusterId $ProdCluster -Name metrics-server -NoUpgradeInfo -WarningAction SilentlyContinue).Version | Should -Be 'v0.3.9.7-85b3699-aliyun'
        Test-AckComponentVersion -ClusterId $ProdCluster -WarningAction SilentlyContinue | Where-Object Status -eq UpgradeRequired |
            ForEach-Object Component | Should -Be @('ack-cost-exporter', 'cluster-autoscaler')
    }

    It 'upgrades to -TargetVersion and refuses a version that is not offered' {
        $r = Update-AckComponent -ClusterId $ProdCluster -Component metrics-server -TargetVersion v0.3.9.4-ff225cd-aliyun -Confirm:$false -PollIntervalSec 0.2
        $r.ToVersion | Should -Be 'v0.3.9.4-ff225cd-aliyun'
        { Update-AckComponent -ClusterId $ProdCluster -Component terway-eniip -TargetVersion v1.9.2 -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId "AckComponentVersionNotAvailable,$script:cmd"
    }

    It 'refuses a component that is not installed' {
        { Update-AckComponent -ClusterId $ProdCluster -Component flexvolume -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId "AckComponentNotInstalled,$script:cmd"
        Writes | Should -BeNullOrEmpty
    }

    It 'refuses cluster-autoscaler, which a node pool installs' {
        $catalog = Join-Path TestDrive: 'ca.yaml'
        @'
schemaVersion: 1
components:
  - name: cluster-autoscaler
    category: Autoscaling
    minimumVersion: v1.3.1-bcf13de9-aliyun
    versionSource: ImageTag
    imageName: acs/autoscaler
    serviceRole: AliyunCSManagedNetworkRole
    workloads: [ { kind: Deployment, name: cluster-autoscaler } ]
    remarkKinds: [InstalledThroughNodePool]
'@ | Set-Content -LiteralPath $catalog
        { Update-AckComponent -ClusterId $ProdCluster -Component cluster-autoscaler -CatalogPath $catalog -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId "AckComponentNotUpgradable,$script:cmd"
        { Update-AckComponent -ClusterId $ProdCluster -Component cluster-autoscaler -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId "AckServiceRoleNotGranted,$script:cmd"
        Writes | Should -BeNullOrEmpty
    }

    It 'reports a task that outlives -TimeoutSec as TimedOut and skips the rest' {
        $rows = @([pscustomobject]@{ ClusterId = $ProdCluster; Component = 'metrics-server' },
                  [pscustomobject]@{ ClusterId = $ProdCluster; Component = 'logtail-ds' })
        $r = @($rows | Update-AckComponent -Confirm:$false -TimeoutSec 1 -PollIntervalSec 0.2 -ErrorVariable e -ErrorAction SilentlyContinue -WarningVariable w -WarningAction SilentlyContinue)
        $r.Count | Should -Be 1
        $r[0].Status | Should -Be 'TimedOut'
        $e[0].FullyQualifiedErrorId | Should -Be "AckComponentUpgradeTimedOut,$script:cmd"
        ($w -join ' ') | Should -Match 'AckComponentUpgradeSkipped.*logtail-ds'
        @(Writes).Count | Should -Be 1
    }

    It 'writes an error for the task of an unknown cluster' {
        { Update-AckComponent -ClusterId 'cffffffffffffffffffffffffffffffff' -Component metrics-server -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId "AckClusterNotFound,$script:cmd"
    }
}

Describe 'Update-AckComponent with a failing upgrade' {
    BeforeAll {
        $script:scenario = New-TestScenario {
            param($addons)
            $ms = $addons.clusters[$ProdCluster].addons | Where-Object name -eq 'metrics-server'
            $ms.upgradeFailure = @{ code = 'AddonUpgradeFailed'; message = 'helm upgrade failed: timed out waiting for the condition' }
        }
        Stop-AckSandbox $script:sbx
        $script:sbx = Start-AckSandbox -Scenario $script:scenario
        Connect-AckSandbox $script:sbx
    }
    AfterAll { Remove-Item -LiteralPath $script:scenario -Recurse -ErrorAction SilentlyContinue }

    It 'gives Failed and AckComponentUpgradeFailed, changes nothing else and skips the rest of the pipeline' {
        Clear-AckSandboxRequest $script:sbx
        $r = @(Test-AckComponentVersion -ClusterId $ProdCluster -WarningAction SilentlyContinue | Where-Object Status -eq UpgradeRequired |
            Update-AckComponent -Confirm:$false -PollIntervalSec 0.2 -ErrorVariable e -ErrorAction SilentlyContinue -WarningVariable w -WarningAction SilentlyContinue)
        $r.Count | Should -Be 1
        $r[0].Component | Should -Be 'metrics-server'
        $r[0].Status | Should -Be 'Failed'
        $r[0].Message | Should -Match 'AddonUpgradeFailed'
        $e[0].FullyQualifiedErrorId | Should -Be "AckComponentUpgradeFailed,$script:cmd"
        ($w -join ' ') | Should -Match 'terway-eniip'
        @(Writes).Count | Should -Be 1
        (Get-AckComponent -ClusterId $ProdCluster -Name metrics-server -NoUpgradeInfo -WarningAction SilentlyContinue).Version | Should -Be 'v0.3.8.5-307cf45-aliyun'
    }
}
