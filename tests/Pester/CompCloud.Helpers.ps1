# Shared by the component cmdlet tests (dot-sourced): cluster ids of the default scenario and a kubeconfig file for
# a sandbox cluster's emulated API server.
$script:ProdCluster = 'c5b1e8f2a3d4c6e7f8091a2b3c4d5e6f7'
$script:StagingCluster = 'c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a'
$script:ClusterTokens = @{
    'c5b1e8f2a3d4c6e7f8091a2b3c4d5e6f7' = 'sbx-k8s-prod-legacy-7c1e9a3f5b2d4e6a8c0f'
    'c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a' = 'sbx-k8s-staging-basic-2b4d6f8a0c1e3a5c7e9b'
}

function New-TestKubeconfig {
    param([Parameter(Mandatory)] $Sandbox, [Parameter(Mandatory)][string] $ClusterId)
    $server = ([string]$Sandbox.Kubernetes[$ClusterId]).TrimEnd('/')
    $path = Join-Path ([IO.Path]::GetTempPath()) "ackh-kubeconfig-$ClusterId-$([guid]::NewGuid().ToString('N')).yaml"
    @"
apiVersion: v1
kind: Config
clusters:
- name: $ClusterId
  cluster:
    server: $server
contexts:
- name: $ClusterId
  context:
    cluster: $ClusterId
    user: $ClusterId-admin
current-context: $ClusterId
users:
- name: $ClusterId-admin
  user:
    token: $($script:ClusterTokens[$ClusterId])
"@ | Set-Content -LiteralPath $path -Encoding utf8NoBOM
    $path
}

# A copy of the default scenario with addons.json changed by $Edit (a script block that gets the parsed file).
function New-TestScenario {
    param([Parameter(Mandatory)][scriptblock] $Edit)
    $default = Join-Path $PSScriptRoot '../../src/AckHardening.Sandbox/Scenarios/default'
    $folder = Join-Path ([IO.Path]::GetTempPath()) "ackh-scenario-$([guid]::NewGuid().ToString('N'))"
    Copy-Item -LiteralPath $default -Destination $folder -Recurse
    $file = Join-Path $folder 'addons.json'
    $json = (Get-Content -LiteralPath $file -Raw) -replace '(?m)^\s*//.*$', '' | ConvertFrom-Json -AsHashtable
    & $Edit $json
    $json | ConvertTo-Json -Depth 20 | Set-Content -LiteralPath $file -Encoding utf8NoBOM
    $folder
}
