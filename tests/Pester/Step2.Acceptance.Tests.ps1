# Step 2 acceptance (issue 3): the two pipelines of the issue end to end against a fresh sandbox, and the same with
# -WhatIf sending no write request to CS or to the Kubernetes API (proved by the sandbox's request log).
# The scenario is the default one with fast simulated work: addon upgrade tasks take 1 s and every workload replaces
# a pod each 0.1 s, so the whole file runs in seconds without changing what the pipelines decide.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-AckModuleUnderTest

    function New-FastStep2Scenario([string] $Path) {
        $default = Join-Path $PSScriptRoot '../../src/AckHardening.Sandbox/Scenarios/default'
        $null = New-Item -ItemType Directory -Path $Path -Force
        Copy-Item -Path (Join-Path $default '*') -Destination $Path -Recurse -Force
        $addonsFile = Join-Path $Path 'addons.json'
        $addons = (Get-Content -LiteralPath $addonsFile -Raw) -replace '(?m)^\s*//.*$', '' | ConvertFrom-Json -AsHashtable
        $addons.upgradeSeconds = 1
        $addons | ConvertTo-Json -Depth 32 | Set-Content -LiteralPath $addonsFile -Encoding utf8NoBOM
        $kubeFile = Join-Path $Path 'kubernetes.json'
        $kube = Get-Content -LiteralPath $kubeFile -Raw | ConvertFrom-Json -AsHashtable
        foreach ($cluster in $kube.clusters.Values) {
            foreach ($o in $cluster.objects) {
                if ($o.kind -notin 'Deployment', 'DaemonSet', 'StatefulSet') { continue }
                if (-not $o.ContainsKey('sandbox')) { $o.sandbox = @{} }
                $o.sandbox.secondsPerReplica = 0.1
            }
        }
        $kube | ConvertTo-Json -Depth 64 | Set-Content -LiteralPath $kubeFile -Encoding utf8NoBOM
        $Path
    }

    $script:sbx = Start-AckSandbox -Scenario (New-FastStep2Scenario (Join-Path $TestDrive 'scenario'))
    Connect-AckSandbox $script:sbx
    $script:Prod = 'c5b1e8f2a3d4c6e7f8091a2b3c4d5e6f7'
    $script:Staging = 'c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a'
    $script:UpdateCmd = 'AckHardening.PowerShell.Commands.UpdateAckComponentCommand'

    function Get-Write { @(Get-AckSandboxRequest $script:sbx | Where-Object isWrite) }

    # True when every write after the first was preceded by a read of the previous write's target (path), i.e. the
    # cmdlet waited on one change before starting the next.
    function Test-OneAtATime([object[]] $Log, [object[]] $Writes, [scriptblock] $WaitRead) {
        for ($i = 1; $i -lt $Writes.Count; $i++) {
            $between = @($Log | Where-Object { $_.seq -gt $Writes[$i - 1].seq -and $_.seq -lt $Writes[$i].seq })
            if (-not ($between | Where-Object { & $WaitRead $_ $Writes[$i - 1] })) { return $false }
        }
        $true
    }
}
AfterAll { Stop-AckSandbox $script:sbx }

Describe 'Step 2 acceptance' {
    BeforeEach {
        Reset-AckSandbox $script:sbx
        Clear-AckSandboxRequest $script:sbx
    }

    Context 'Get-AckCluster | Test-AckComponentVersion | Where-Object Status -eq UpgradeRequired | Update-AckComponent' {
        It '-WhatIf plans each upgrade and sends no write request' {
            $out = Get-AckCluster -WarningAction SilentlyContinue | Test-AckComponentVersion |
                Where-Object Status -eq UpgradeRequired | Update-AckComponent -WhatIf -ErrorVariable e -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            Get-Write | Should -BeNullOrEmpty
            # Each component with its role was planned (read), the two without were refused before any plan.
            @(Get-AckSandboxRequest $script:sbx -Service Cs -Action GetClusterAddonInstance).Count | Should -BeGreaterOrEqual 5
            $e.FullyQualifiedErrorId | Should -Be (@("AckServiceRoleNotGranted,$script:UpdateCmd") * 2)
        }

        It 'upgrades one component at a time; the components without their managed role are refused and left as they were' {
            $results = @(Get-AckCluster -WarningAction SilentlyContinue | Test-AckComponentVersion |
                Where-Object Status -eq UpgradeRequired |
                Update-AckComponent -Confirm:$false -PollIntervalSec 0.2 -ErrorVariable e -ErrorAction SilentlyContinue)

            $results.Component | Should -Be @('metrics-server', 'ack-node-problem-detector', 'terway-eniip', 'storage-operator', 'logtail-ds')
            ($results.ClusterId | Sort-Object -Unique) | Should -Be $script:Prod
            ($results.Status | Sort-Object -Unique) | Should -Be 'Succeeded'

            @($e).Count | Should -Be 2
            $e.FullyQualifiedErrorId | Should -Be (@("AckServiceRoleNotGranted,$script:UpdateCmd") * 2)
            $e[0].Exception.Message | Should -Match 'ack-cost-exporter.*AliyunCSManagedCostRole|AliyunCSManagedCostRole.*ack-cost-exporter'
            $e[1].Exception.Message | Should -Match 'AliyunCSManagedAutoScalerRole'

            $log = @(Get-AckSandboxRequest $script:sbx)
            $writes = @($log | Where-Object isWrite)
            $writes.action | Should -Be (@('UpgradeClusterAddons') * 5)
            # Each task was polled to the end before the next upgrade started.
            Test-OneAtATime $log $writes { param($r, $w) $r.action -eq 'DescribeTaskInfo' } | Should -BeTrue

            $after = @(Test-AckComponentVersion -ClusterId $script:Prod)
            ($after | Where-Object Status -eq UpgradeRequired).Component | Should -Be @('ack-cost-exporter', 'cluster-autoscaler')
            ($after | Where-Object Component -eq ack-cost-exporter).InstalledVersion | Should -Be '1.0.8'
            ($after | Where-Object Component -eq cluster-autoscaler).InstalledVersion | Should -Be 'v1.3.0-8a71e3a-aliyun'
            ($after | Where-Object Component -eq metrics-server).Status | Should -Be 'Compliant'
        }
    }

    Context 'Get-AckCluster | Test-AckComponentVersion | Where-Object NextStep -eq Redeploy | Invoke-AckComponentRedeploy' {
        BeforeAll {
            # The upgrade context changed versions (and so which components are new enough): start fresh.
            Reset-AckSandbox $script:sbx
            $script:redeployRows = @(Get-AckCluster -WarningAction SilentlyContinue | Test-AckComponentVersion | Where-Object NextStep -eq Redeploy)
            $script:expected = @($script:redeployRows | ForEach-Object { $row = $_; $row.WorkloadList | ForEach-Object { "$($row.ClusterId)/$($_.Namespace)/$($_.Kind)/$($_.Name)" } })
        }

        It 'has components to redeploy in both clusters' {
            @($script:redeployRows.ClusterId | Sort-Object -Unique).Count | Should -Be 2
            $script:expected.Count | Should -BeGreaterThan 5
        }

        It '-WhatIf reads the workloads and sends no write request' {
            $out = Get-AckCluster -WarningAction SilentlyContinue | Test-AckComponentVersion |
                Where-Object NextStep -eq Redeploy | Invoke-AckComponentRedeploy -WhatIf -WarningVariable w
            $out | Should -BeNullOrEmpty
            $w | Should -BeNullOrEmpty
            Get-Write | Should -BeNullOrEmpty
            @(Get-AckSandboxRequest $script:sbx -Service Kubernetes).Count | Should -BeGreaterOrEqual $script:expected.Count
        }

        It 'restarts every workload, one at a time, each rolled out before the next' {
            $results = @(Get-AckCluster -WarningAction SilentlyContinue | Test-AckComponentVersion |
                Where-Object NextStep -eq Redeploy |
                Invoke-AckComponentRedeploy -Confirm:$false -PollIntervalSec 0.1 -TimeoutSec 60 -WarningVariable w)

            $w | Should -BeNullOrEmpty
            ($results | ForEach-Object { "$($_.ClusterId)/$($_.Namespace)/$($_.Kind)/$($_.Name)" }) | Should -Be $script:expected
            ($results.Status | Sort-Object -Unique) | Should -Be 'Succeeded'
            foreach ($r in $results) { $r.Ready | Should -Be $r.Desired }

            $log = @(Get-AckSandboxRequest $script:sbx)
            $writes = @($log | Where-Object isWrite)
            $writes.Count | Should -Be $results.Count
            ($writes.service | Sort-Object -Unique) | Should -Be 'Kubernetes'
            ($writes.method | Sort-Object -Unique) | Should -Be 'PATCH'
            Test-OneAtATime $log $writes { param($r, $w) $r.method -eq 'GET' -and $r.path -eq $w.path } | Should -BeTrue
        }
    }
}
