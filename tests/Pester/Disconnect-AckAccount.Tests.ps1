BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-AckModuleUnderTest
    $script:sbx = Start-AckSandbox
    Connect-AckSandbox $script:sbx
}
AfterAll { Stop-AckSandbox $script:sbx }

Describe 'Disconnect-AckAccount' {
    BeforeEach { Connect-AckSandbox $script:sbx }

    It 'clears the session so Get-AckContext no longer shows it' {
        (Get-AckContext).IsDefaultChain | Should -BeFalse
        Disconnect-AckAccount | Should -BeNullOrEmpty
        $saved = @{}
        $names = 'ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'ALIBABA_CLOUD_ROLE_ARN', 'ALIBABA_CLOUD_REGION_ID',
            'ALIBABA_CLOUD_CLI_PROFILE_DISABLED', 'ALIBABA_CLOUD_ECS_METADATA_DISABLED'
        foreach ($n in $names) { $saved[$n] = [Environment]::GetEnvironmentVariable($n) }
        try {
            foreach ($n in $names) { [Environment]::SetEnvironmentVariable($n, $null) }
            $env:ALIBABA_CLOUD_REGION_ID = 'cn-hangzhou'
            $env:ALIBABA_CLOUD_CLI_PROFILE_DISABLED = 'true'
            $env:ALIBABA_CLOUD_ECS_METADATA_DISABLED = 'true'
            Get-AckContext -ErrorAction SilentlyContinue -ErrorVariable errs | Should -BeNullOrEmpty
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'AckNotConnected,*'
        }
        finally {
            foreach ($n in $names) { [Environment]::SetEnvironmentVariable($n, $saved[$n]) }
            Disconnect-AckAccount
        }
    }

    It 'returns the removed context with -PassThru, masked' {
        $removed = Disconnect-AckAccount -PassThru
        $removed | Should -BeOfType ([AckHardening.Context.AckContextInfo])
        $removed.AccessKeyId | Should -Be 'LTAI*****************001'
        ($removed | Out-String) | Should -Not -Match ([regex]::Escape($script:sbx.AdminSecret))
    }

    It 'forgets the temporary kubeconfigs CS issued to the session' {
        $access = [AckHardening.PowerShell.Infrastructure.KubernetesAccess]::ForCurrentRunspace()
        $access.Clear()
        $null = Test-AckTerwayConfig -ClusterId 'c5b1e8f2a3d4c6e7f8091a2b3c4d5e6f7'
        $access.CachedCount | Should -Be 1
        Disconnect-AckAccount
        $access.CachedCount | Should -Be 0
        # Connected again, the next Kubernetes call asks CS for a new kubeconfig.
        Connect-AckSandbox $script:sbx
        Clear-AckSandboxRequest $script:sbx
        $null = Test-AckTerwayConfig -ClusterId 'c5b1e8f2a3d4c6e7f8091a2b3c4d5e6f7'
        @(Get-AckSandboxRequest $script:sbx -Service Cs -Action DescribeClusterUserKubeconfig) | Should -HaveCount 1
    }

    It 'is harmless when nothing is connected' {
        Disconnect-AckAccount
        { Disconnect-AckAccount -ErrorAction Stop } | Should -Not -Throw
        Disconnect-AckAccount -PassThru | Should -BeNullOrEmpty
    }
}
