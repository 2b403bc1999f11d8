# Dependency isolation: another YamlDotNet is loaded into PowerShell's default load context first (as a module
# such as powershell-yaml would do), then AckHardening is imported. Core and its packages must load into the
# module's own context from Dependencies/, and the module's YAML paths (Get-AckComponentCatalog, and
# KubernetesClient's kubeconfig reader) must still work with its YamlDotNet 18.
# It runs in a fresh pwsh: the Pester process has already loaded the module, so the order could not be shown there.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    if (-not $env:ACK_ALT_YAMLDOTNET_DLL -or -not (Test-Path -LiteralPath $env:ACK_ALT_YAMLDOTNET_DLL)) {
        throw 'ACK_ALT_YAMLDOTNET_DLL must point at another YamlDotNet build (build.ps1 test restores 16.3.0 via tools/deps).'
    }

    $probe = Join-Path $TestDrive 'probe.ps1'
    @'
$ErrorActionPreference = 'Stop'
# 1. Someone else's YamlDotNet, in the default context, before the module is imported.
$other = [System.Reflection.Assembly]::LoadFrom($env:ACK_ALT_YAMLDOTNET_DLL)
$module = Import-Module $env:ACK_MODULE_PATH -PassThru

# 2. A real module code path into Core: the session store every cmdlet resolves its session from returns a Core
#    type, so touching it makes the default context ask the module's resolver for AckHardening.Core.
$store = $module.ImplementingAssembly.GetType('AckHardening.PowerShell.Infrastructure.SessionStore', $true)
$core = $store.GetMethod('Get').ReturnType.Assembly
$null = $store.GetMethod('Get').Invoke($null, @())
$alc = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($core)
# Core asking its context for the output types must get the default context's copy (the one PowerShell sees).
$null = $alc.LoadFromAssemblyName([System.Reflection.AssemblyName]::new('AckHardening.Abstractions'))

# 3. The YAML path: KubernetesClient (resolved the way Core resolves it) parses a kubeconfig with its YamlDotNet.
$k8s = $alc.LoadFromAssemblyName([System.Reflection.AssemblyName]::new('KubernetesClient'))
$cfgType = $k8s.GetType('k8s.KubernetesClientConfiguration', $true)
$yaml = @"
apiVersion: v1
kind: Config
current-context: sbx
clusters:
- name: sbx
  cluster:
    server: http://127.0.0.1:6443
contexts:
- name: sbx
  context:
    cluster: sbx
    user: sbx
users:
- name: sbx
  user:
    token: not-a-real-token
"@
$stream = [System.IO.MemoryStream]::new([System.Text.Encoding]::UTF8.GetBytes($yaml))
$kubeconfig = $cfgType.GetMethod('LoadKubeConfig', [type[]]@([System.IO.Stream])).Invoke($null, @($stream))
$built = $cfgType.GetMethod('BuildConfigFromConfigObject').Invoke($null, @($kubeconfig, $null, $null))

# 4. A cmdlet whose work is YAML: the component catalog ships as YAML and is read with the module's YamlDotNet.
$catalog = @(Get-AckComponentCatalog)

$report = [ordered]@{
    CatalogCount = $catalog.Count
    CatalogHasMetricsServer = [bool]($catalog | Where-Object Name -eq 'metrics-server')
    OtherYaml = @{ Version = $other.GetName().Version.ToString(); Context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($other).Name }
    Host = $built.Host
    CurrentContext = $kubeconfig.CurrentContext
    Assemblies = @([AppDomain]::CurrentDomain.GetAssemblies() |
        Where-Object { $_.GetName().Name -in 'AckHardening.Core', 'AckHardening.Abstractions', 'AckHardening.PowerShell', 'KubernetesClient', 'YamlDotNet', 'Fractions' } |
        ForEach-Object { @{ Name = $_.GetName().Name; Version = $_.GetName().Version.ToString(); Context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name; Location = $_.Location } })
}
$report | ConvertTo-Json -Depth 5 -Compress
'@ | Set-Content -LiteralPath $probe -Encoding utf8NoBOM

    $exe = [Environment]::ProcessPath
    # Under `dotnet pwsh` the process is dotnet running $PSHOME/pwsh.dll.
    $prefix = @(if ([IO.Path]::GetFileNameWithoutExtension($exe) -ne 'pwsh') { Join-Path $PSHOME 'pwsh.dll' })
    $output = & $exe @prefix -NoProfile -NonInteractive -File $probe 2>&1
    $script:exitCode = $LASTEXITCODE
    $script:raw = ($output | ForEach-Object { "$_" }) -join "`n"
    $json = @($output | Where-Object { "$_".StartsWith('{') }) | Select-Object -Last 1
    $script:report = if ($json) { "$json" | ConvertFrom-Json } else { $null }
    $script:byName = @{}
    if ($report) { foreach ($a in $report.Assemblies) { $byName["$($a.Name)|$($a.Context)"] = $a } }
}

Describe 'Load-context isolation' {
    It 'runs the probe in a child pwsh' {
        $exitCode | Should -Be 0 -Because $raw
        $report | Should -Not -BeNullOrEmpty -Because $raw
    }

    It 'leaves the other YamlDotNet in the default context' {
        $report.OtherYaml.Context | Should -Be 'Default'
        $report.OtherYaml.Version | Should -Not -BeLike '18.*'
    }

    It 'loads <_> from Dependencies/ into the module''s own context' -ForEach 'AckHardening.Core', 'KubernetesClient', 'YamlDotNet' {
        $entry = $byName["$_|AckHardening"]
        $entry | Should -Not -BeNullOrEmpty -Because "$_ must be in the AckHardening load context; seen: $($report.Assemblies | ConvertTo-Json -Compress)"
        $entry.Location | Should -Match '[\\/]Dependencies[\\/]'
    }

    It 'uses YamlDotNet 18 inside the module while the other version stays loaded' {
        $byName['YamlDotNet|AckHardening'].Version | Should -BeLike '18.*'
        $byName["YamlDotNet|Default"].Version | Should -Be $report.OtherYaml.Version
    }

    It 'keeps <_> (cmdlets, output types) in the default context' -ForEach 'AckHardening.PowerShell', 'AckHardening.Abstractions' {
        $byName["$_|Default"] | Should -Not -BeNullOrEmpty
        @($report.Assemblies | Where-Object Name -eq $_).Count | Should -Be 1 -Because 'one copy of the output types only'
    }

    It 'runs a cmdlet that parses YAML (the component catalog) after the other YamlDotNet was loaded' {
        $report.CatalogCount | Should -BeGreaterThan 15
        $report.CatalogHasMetricsServer | Should -BeTrue
    }

    It 'parses a kubeconfig through the module''s KubernetesClient and YamlDotNet' {
        $report.CurrentContext | Should -Be 'sbx'
        $report.Host | Should -Be 'http://127.0.0.1:6443'
    }
}
