# Invoke-AckComponentRedeploy against a fast copy of the default scenario (rollouts take a fraction of a second).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-AckModuleUnderTest
    . (Join-Path $PSScriptRoot 'CompKube.TestSupport.ps1')
    $script:sbx = Start-AckSandbox -Scenario (New-FastKubeScenario (Join-Path $TestDrive 'scenario'))
    Connect-AckSandbox $script:sbx
    $script:Fast = @{ PollIntervalSec = 0.1; TimeoutSec = 30; Confirm = $false }

    function New-Compliance([string] $ClusterId, [string] $Component, [string[]] $Workloads) {
        $c = [AckHardening.Components.AckComponentCompliance]::new()
        $c.ClusterId = $ClusterId
        $c.Component = $Component
        $c.NextStep = 'Redeploy'
        $c.WorkloadList = [AckHardening.Components.AckWorkloadReference[]]@(foreach ($w in $Workloads) {
                $kind, $name = $w -split '/'
                [AckHardening.Components.AckWorkloadReference]::new('kube-system', $kind, $name)
            })
        $c
    }
}
AfterAll { Stop-AckSandbox $script:sbx }

Describe 'Invoke-AckComponentRedeploy' {
    BeforeEach {
        Reset-AckSandbox $script:sbx
        Clear-AckSandboxRequest $script:sbx
    }

    It 'is declared with its output type, ShouldProcess at high impact and the Kubernetes parameters' {
        $cmd = Get-Command Invoke-AckComponentRedeploy
        $cmd.OutputType.Name | Should -Contain 'AckHardening.Components.AckWorkloadRedeployResult'
        $cmd.Parameters.Keys | Should -Contain 'WhatIf'
        $cmd.Parameters.Keys | Should -Contain 'KubeconfigPath'
        $cmd.Parameters.Keys | Should -Contain 'KubeContext'
        $cmd.Parameters.Keys | Should -Contain 'PrivateEndpoint'
        $cmd.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $true)[0].ConfirmImpact | Should -Be 'High'
        foreach ($p in 'ClusterId', 'Component', 'WorkloadList') { $cmd.Parameters[$p].ParameterSets.Values.ValueFromPipelineByPropertyName | Should -Contain $true }
    }

    It 'restarts a catalog component with the kubectl patch and waits until it is rolled out' {
        $r = Invoke-AckComponentRedeploy -ClusterId $script:ProId -Component metrics-server @script:Fast
        $r | Should -HaveCount 1
        $r | Should -BeOfType ([AckHardening.Components.AckWorkloadRedeployResult])
        $r.Status | Should -Be 'Succeeded'
        $r.Kind | Should -Be 'Deployment'
        $r.Name | Should -Be 'metrics-server'
        $r.Ready | Should -Be 1
        $r.Desired | Should -Be 1
        $r.RestartedAt | Should -Match '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$'
        $writes = Get-KubeWrite $script:sbx
        $writes | Should -HaveCount 1
        $writes[0].action | Should -Be 'PatchNamespacedDeployment'
        $d = Invoke-KubeGet $script:sbx $script:ProId 'apis/apps/v1/namespaces/kube-system/deployments/metrics-server'
        $d.spec.template.metadata.annotations.'kubectl.kubernetes.io/restartedAt' | Should -Be $r.RestartedAt
        $d.metadata.generation | Should -Be 2
    }

    It 'takes hand-built compliance objects from the pipeline, one workload at a time' {
        $in = @(
            New-Compliance $script:BasicId 'metrics-server' 'Deployment/metrics-server'
            New-Compliance $script:BasicId 'terway-eniip' 'DaemonSet/terway-eniip'
        )
        $r = $in | Invoke-AckComponentRedeploy -PollIntervalSec 0.1 -TimeoutSec 30 -Confirm:$false
        $r.Status | Should -Be @('Succeeded', 'Succeeded')
        $r.Name | Should -Be @('metrics-server', 'terway-eniip')
        $r[1].Desired | Should -Be 2
        # Never two rolling at once: each workload's patch comes after the previous rollout's last read.
        $log = @(Get-AckSandboxRequest $script:sbx -Service Kubernetes)
        $patches = @($log | Where-Object isWrite)
        $patches | Should -HaveCount 2
        $lastMetricsRead = ($log | Where-Object { $_.path -like '*/deployments/metrics-server' -and -not $_.isWrite } | Select-Object -Last 1).seq
        $patches[1].seq | Should -BeGreaterThan $lastMetricsRead
    }

    It 'with -WhatIf sends no Kubernetes write' {
        $r = Invoke-AckComponentRedeploy -ClusterId $script:ProId -Component metrics-server, csi-plugin -WhatIf
        $r | Should -BeNullOrEmpty
        Get-KubeWrite $script:sbx | Should -HaveCount 0
        @(Get-AckSandboxRequest $script:sbx -Service Kubernetes).Count | Should -BeGreaterThan 0
    }

    It 'reports a paused Deployment as Skipped with AckWorkloadPaused and patches nothing' {
        $r = Invoke-AckComponentRedeploy -ClusterId $script:ProId -Component ack-node-problem-detector @script:Fast -ErrorVariable errs -ErrorAction SilentlyContinue
        $r.Status | Should -Be 'Skipped'
        $r.Message | Should -Match 'paused'
        $errs | Should -HaveCount 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'AckWorkloadPaused,AckHardening.PowerShell.Commands.InvokeAckComponentRedeployCommand'
        Get-KubeWrite $script:sbx | Should -HaveCount 0
    }

    It 'reports an OnDelete DaemonSet with AckWorkloadOnDelete and still redeploys the rest of the component' {
        $r = Invoke-AckComponentRedeploy -ClusterId $script:ProId -Component logtail-ds @script:Fast -ErrorVariable errs -ErrorAction SilentlyContinue
        ($r | Where-Object Name -eq 'logtail-ds').Status | Should -Be 'Skipped'
        ($r | Where-Object Name -eq 'alibaba-log-controller').Status | Should -Be 'Succeeded'
        $errs[0].FullyQualifiedErrorId | Should -Be 'AckWorkloadOnDelete,AckHardening.PowerShell.Commands.InvokeAckComponentRedeployCommand'
        (Get-KubeWrite $script:sbx).path | Should -Not -Match 'logtail-ds'
        { Invoke-AckComponentRedeploy -ClusterId $script:ProId -Component logtail-ds @script:Fast -ErrorAction Stop } |
            Should -Throw -ErrorId 'AckWorkloadOnDelete,AckHardening.PowerShell.Commands.InvokeAckComponentRedeployCommand'
    }

    It 'skips a workload missing from the cluster with an AckWorkloadNotFound warning' {
        $r = Invoke-AckComponentRedeploy -ClusterId $script:ProId -Component terway-controlplane @script:Fast -WarningVariable warn -WarningAction SilentlyContinue
        $r.Status | Should -Be 'Skipped'
        ($warn -join "`n") | Should -Match 'AckWorkloadNotFound'
        Get-KubeWrite $script:sbx | Should -HaveCount 0
    }

    It 'times out with AckWorkloadRolloutTimedOut and stops before the next workload' {
        $r = Invoke-AckComponentRedeploy -ClusterId $script:ProId -Component csi-provisioner, metrics-server -PollIntervalSec 0.1 -TimeoutSec 1 -Confirm:$false `
            -ErrorVariable errs -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $r | Should -HaveCount 1
        $r.Status | Should -Be 'TimedOut'
        $errs[0].FullyQualifiedErrorId | Should -Be 'AckWorkloadRolloutTimedOut,AckHardening.PowerShell.Commands.InvokeAckComponentRedeployCommand'
        (Get-KubeWrite $script:sbx).path | Should -Not -Match 'metrics-server'
    }

    It 'goes on after a failure with -ContinueOnError' {
        $r = Invoke-AckComponentRedeploy -ClusterId $script:ProId -Component csi-provisioner, metrics-server -PollIntervalSec 0.1 -TimeoutSec 4 -Confirm:$false `
            -ContinueOnError -ErrorAction SilentlyContinue
        $r.Status | Should -Be @('TimedOut', 'Succeeded')
    }

    It 'fails on an exceeded progress deadline with AckWorkloadRolloutFailed' {
        $r = Invoke-AckComponentRedeploy -ClusterId $script:ProId -Component storage-operator -WorkloadList ([AckHardening.Components.AckWorkloadReference]::new('kube-system', 'Deployment', 'storage-cnfs')) `
            @script:Fast -ErrorVariable errs -ErrorAction SilentlyContinue
        $r.Status | Should -Be 'Failed'
        $r.Message | Should -Match 'progress deadline'
        $errs[0].FullyQualifiedErrorId | Should -Be 'AckWorkloadRolloutFailed,AckHardening.PowerShell.Commands.InvokeAckComponentRedeployCommand'
    }

    It 'fetches the temporary kubeconfig once per session and cluster, then keeps it in memory' {
        $null = Invoke-AckComponentRedeploy -ClusterId $script:BasicId -Component metrics-server @script:Fast
        Clear-AckSandboxRequest $script:sbx
        $null = Invoke-AckComponentRedeploy -ClusterId $script:BasicId -Component metrics-server @script:Fast
        $null = Invoke-AckComponentRedeploy -ClusterId $script:BasicId -Component csi-provisioner @script:Fast
        @(Get-AckSandboxRequest $script:sbx -Service Cs -Action DescribeClusterUserKubeconfig) | Should -HaveCount 0
        @(Get-KubeWrite $script:sbx) | Should -HaveCount 2
    }

    It 'uses -KubeconfigPath instead of asking CS, and refuses a second cluster with the same file' {
        $file = New-SandboxKubeconfig $script:sbx $script:BasicId (Join-Path $TestDrive 'basic.kubeconfig')
        $r = Invoke-AckComponentRedeploy -ClusterId $script:BasicId -Component metrics-server -KubeconfigPath $file @script:Fast
        $r.Status | Should -Be 'Succeeded'
        @(Get-AckSandboxRequest $script:sbx -Service Cs -Action DescribeClusterUserKubeconfig) | Should -HaveCount 0
        $two = @(
            New-Compliance $script:BasicId 'metrics-server' 'Deployment/metrics-server'
            New-Compliance $script:ProId 'metrics-server' 'Deployment/metrics-server'
        )
        $out = $two | Invoke-AckComponentRedeploy -KubeconfigPath $file @script:Fast -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -HaveCount 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'AckKubeconfigAmbiguous,AckHardening.PowerShell.Commands.InvokeAckComponentRedeployCommand'
    }

    It 'reports an unknown component with a stable id' {
        { Invoke-AckComponentRedeploy -ClusterId $script:ProId -Component no-such-thing @script:Fast -ErrorAction Stop } |
            Should -Throw -ErrorId 'AckComponentNotInCatalog,AckHardening.PowerShell.Commands.InvokeAckComponentRedeployCommand'
    }

    It 'has a table view' {
        $r = Invoke-AckComponentRedeploy -ClusterId $script:BasicId -Component metrics-server @script:Fast
        ($r | Format-Table | Out-String -Width 200) | Should -Match 'Succeeded\s+1/1'
    }
}
