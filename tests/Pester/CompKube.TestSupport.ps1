# Shared by the Invoke-AckComponentRedeploy, Test-AckTerwayConfig and Repair-AckTerwayConfig tests (dot-source it
# in BeforeAll). Builds a fast copy of the default scenario and reads objects straight from the emulated API server.
Set-StrictMode -Version 3.0

$script:ProId = 'c5b1e8f2a3d4c6e7f8091a2b3c4d5e6f7'
$script:BasicId = 'c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a'
$script:KubeTokens = @{
    'c5b1e8f2a3d4c6e7f8091a2b3c4d5e6f7' = 'sbx-k8s-prod-legacy-7c1e9a3f5b2d4e6a8c0f'
    'c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a' = 'sbx-k8s-staging-basic-2b4d6f8a0c1e3a5c7e9b'
}

function New-FastKubeScenario {
    # Copies the default scenario to $Path with every workload replacing a pod each 0.1 simulated second (the
    # simulated clock runs with the wall clock), so rollouts finish in well under a second. On prod-legacy,
    # csi-provisioner never becomes available (timeout case) and storage-cnfs exceeds a 1 s progress deadline.
    param([Parameter(Mandatory)][string] $Path)
    $default = Join-Path $PSScriptRoot '../../src/AckHardening.Sandbox/Scenarios/default'
    $null = New-Item -ItemType Directory -Path $Path -Force
    Copy-Item -Path (Join-Path $default '*') -Destination $Path -Recurse -Force
    $file = Join-Path $Path 'kubernetes.json'
    $kube = Get-Content -LiteralPath $file -Raw | ConvertFrom-Json -AsHashtable
    foreach ($cluster in $kube.clusters.Keys) {
        foreach ($o in $kube.clusters[$cluster].objects) {
            if ($o.kind -notin 'Deployment', 'DaemonSet', 'StatefulSet') { continue }
            if (-not $o.ContainsKey('sandbox')) { $o.sandbox = @{} }
            $o.sandbox.secondsPerReplica = 0.1
            if ($cluster -eq $script:ProId -and $o.metadata.name -eq 'csi-provisioner') { $o.sandbox.neverAvailable = $true }
            if ($cluster -eq $script:ProId -and $o.metadata.name -eq 'storage-cnfs') {
                $o.sandbox.exceedsProgressDeadline = $true
                $o.spec.progressDeadlineSeconds = 1
            }
        }
    }
    $kube | ConvertTo-Json -Depth 64 | Set-Content -LiteralPath $file -Encoding utf8NoBOM
    $Path
}

function Invoke-KubeGet {
    # GET on a cluster's emulated API server with its bearer token (test-side reads, independent of the module).
    param([Parameter(Mandatory)] $Sandbox, [Parameter(Mandatory)][string] $ClusterId, [Parameter(Mandatory)][string] $Path)
    $base = [Uri]$Sandbox.Kubernetes[$ClusterId]
    if ($base.Host -ne '127.0.0.1') { throw "Refusing to call '$base'." }
    # Dates stay strings (restartedAt is compared as the exact text the module wrote).
    $r = Invoke-WebRequest -Uri ([Uri]::new($base, $Path)) -Headers @{ Authorization = "Bearer $($script:KubeTokens[$ClusterId])" } -NoProxy -ErrorAction Stop
    $r.Content | ConvertFrom-Json -DateKind String
}

function Get-KubeWrite {
    # Kubernetes write requests in the sandbox log.
    param([Parameter(Mandatory)] $Sandbox)
    @(Get-AckSandboxRequest $Sandbox -Service Kubernetes | Where-Object isWrite)
}

function New-SandboxKubeconfig {
    # A kubeconfig file for one emulated cluster, as a user would have from the console.
    param([Parameter(Mandatory)] $Sandbox, [Parameter(Mandatory)][string] $ClusterId, [Parameter(Mandatory)][string] $Path)
    @"
apiVersion: v1
kind: Config
clusters:
- name: sandbox
  cluster:
    server: $(([string]$Sandbox.Kubernetes[$ClusterId]).TrimEnd('/'))
contexts:
- name: sandbox
  context:
    cluster: sandbox
    user: tester
current-context: sandbox
users:
- name: tester
  user:
    token: $($script:KubeTokens[$ClusterId])
"@ | Set-Content -LiteralPath $Path -Encoding utf8NoBOM
    $Path
}
