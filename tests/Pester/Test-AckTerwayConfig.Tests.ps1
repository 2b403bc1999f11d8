# Test-AckTerwayConfig against the default scenario: prod-legacy lacks credential_path, staging-basic has it.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-AckModuleUnderTest
    . (Join-Path $PSScriptRoot 'CompKube.TestSupport.ps1')
    $script:sbx = Start-AckSandbox
    Connect-AckSandbox $script:sbx
}
AfterAll { Stop-AckSandbox $script:sbx }

Describe 'Test-AckTerwayConfig' {
    BeforeEach { Clear-AckSandboxRequest $script:sbx }

    It 'is declared with its output type and the Kubernetes parameters' {
        $cmd = Get-Command Test-AckTerwayConfig
        $cmd.OutputType.Name | Should -Contain 'AckHardening.Components.AckTerwayConfigStatus'
        $cmd.Parameters.Keys | Should -Contain 'KubeconfigPath'
        $cmd.Parameters.Keys | Should -Contain 'PrivateEndpoint'
        $cmd.Parameters['ClusterId'].ParameterSets.Values.ValueFromPipelineByPropertyName | Should -Contain $true
    }

    It 'finds credential_path missing on prod-legacy and names the DaemonSet to redeploy' {
        $s = Test-AckTerwayConfig -ClusterId $script:ProId
        $s | Should -BeOfType ([AckHardening.Components.AckTerwayConfigStatus])
        $s.Compliant | Should -BeFalse
        $s.HasCredentialPath | Should -BeFalse
        $s.Mode | Should -Be 'terway-eniip'
        $s.Workload | Should -Be 'kube-system/daemonset/terway-eniip'
        $s.AccessKeyOverride | Should -BeFalse
        $s.Message | Should -Match 'credential_path is missing'
    }

    It 'finds staging-basic compliant' {
        $s = Test-AckTerwayConfig -ClusterId $script:BasicId
        $s.Compliant | Should -BeTrue
        $s.CredentialPath | Should -Be '/var/addon/token-config'
    }

    It 'reads only: no Kubernetes write' {
        $null = Test-AckTerwayConfig -ClusterId $script:ProId, $script:BasicId
        Get-KubeWrite $script:sbx | Should -HaveCount 0
    }

    It 'takes clusters from Get-AckCluster and fetches each kubeconfig once per session' {
        $all = Get-AckCluster -WarningAction SilentlyContinue | Test-AckTerwayConfig
        $all | Should -HaveCount 2
        Clear-AckSandboxRequest $script:sbx
        $null = Get-AckCluster -WarningAction SilentlyContinue | Test-AckTerwayConfig
        @(Get-AckSandboxRequest $script:sbx -Service Cs -Action DescribeClusterUserKubeconfig) | Should -HaveCount 0
    }

    It 'reports an AccessKey in eni_conf without showing its value' {
        $file = New-SandboxKubeconfig $script:sbx $script:BasicId (Join-Path $TestDrive 'basic.kubeconfig')
        # Put a key pair into staging-basic's eni_conf through the API server, as an old cluster might have.
        $cm = Invoke-KubeGet $script:sbx $script:BasicId 'api/v1/namespaces/kube-system/configmaps/eni-config'
        $conf = $cm.data.eni_conf | ConvertFrom-Json -AsHashtable
        $conf.access_key = 'LTAI-not-a-real-key'
        $conf.access_secret = 'not-a-real-secret-value'
        $cm.data.eni_conf = $conf | ConvertTo-Json -Depth 10
        $uri = [Uri]::new([Uri]$script:sbx.Kubernetes[$script:BasicId], 'api/v1/namespaces/kube-system/configmaps/eni-config')
        $null = Invoke-RestMethod -Method Put -Uri $uri -Headers @{ Authorization = "Bearer $($script:KubeTokens[$script:BasicId])" } -NoProxy `
            -ContentType 'application/json' -Body ($cm | ConvertTo-Json -Depth 20)
        try {
            $s = Test-AckTerwayConfig -ClusterId $script:BasicId -KubeconfigPath $file
            $s.AccessKeyOverride | Should -BeTrue
            $s.Compliant | Should -BeFalse
            ($s | Format-List * | Out-String) | Should -Not -Match 'not-a-real'
            $s.Message | Should -Match 'access_key'
        }
        finally { Reset-AckSandbox $script:sbx }
    }

    It 'reports an unknown cluster with the CS error id' {
        { Test-AckTerwayConfig -ClusterId 'cnotthere0000000000000000000000000' -ErrorAction Stop } |
            Should -Throw -ErrorId 'AckClusterNotFound,AckHardening.PowerShell.Commands.TestAckTerwayConfigCommand'
    }

    It 'reports an unreadable kubeconfig file with AckKubeconfigInvalid' {
        { Test-AckTerwayConfig -ClusterId $script:ProId -KubeconfigPath (Join-Path $TestDrive 'missing.kubeconfig') -ErrorAction Stop } |
            Should -Throw -ErrorId 'AckKubeconfigInvalid,AckHardening.PowerShell.Commands.TestAckTerwayConfigCommand'
    }

    It 'has a table view' {
        (Test-AckTerwayConfig -ClusterId $script:BasicId | Format-Table | Out-String -Width 200) | Should -Match 'terway-eniip\s+True'
    }
}
