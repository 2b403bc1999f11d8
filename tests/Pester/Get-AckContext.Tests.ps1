BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-AckModuleUnderTest
    $script:sbx = Start-AckSandbox
    Connect-AckSandbox $script:sbx
}
AfterAll { Stop-AckSandbox $script:sbx }

Describe 'Get-AckContext' {
    BeforeEach { Connect-AckSandbox $script:sbx }

    It 'shows the connected context with a masked key and never the secret' {
        $ctx = Get-AckContext
        $ctx | Should -BeOfType ([AckHardening.Context.AckContextInfo])
        $ctx.AccessKeyId | Should -Be 'LTAI*****************001'
        $ctx.Region | Should -Be 'cn-hangzhou'
        $ctx.IsDefaultChain | Should -BeFalse
        foreach ($svc in 'Ram', 'Sts', 'Cs', 'ActionTrail', 'Sls') { $ctx.Endpoints | Should -Match "$svc=http://127\.0\.0\.1:\d+/" }
        $text = ($ctx | Format-Table | Out-String) + ($ctx | Format-List * | Out-String) + ($ctx | ConvertTo-Csv | Out-String)
        $text | Should -Not -Match ([regex]::Escape($script:sbx.AdminSecret))
        $text | Should -Match 'LTAI\*+001'
    }

    It 'has no property holding a secret or token' {
        $names = (Get-AckContext).PSObject.Properties.Name
        $names | Should -Not -Contain 'AccessKeySecret'
        $names | Should -Not -Contain 'SecurityToken'
    }

    It 'reports the default chain from the environment when not connected' {
        Disconnect-AckAccount
        $saved = @{}
        foreach ($n in 'ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'ALIBABA_CLOUD_REGION_ID') { $saved[$n] = [Environment]::GetEnvironmentVariable($n) }
        try {
            $env:ALIBABA_CLOUD_ACCESS_KEY_ID = $script:sbx.AdminKeyId
            $env:ALIBABA_CLOUD_ACCESS_KEY_SECRET = $script:sbx.AdminSecret
            $env:ALIBABA_CLOUD_REGION_ID = 'cn-shanghai'
            $ctx = Get-AckContext
            $ctx.Source | Should -Be 'Default:Environment'
            $ctx.IsDefaultChain | Should -BeTrue
            $ctx.Region | Should -Be 'cn-shanghai'
        }
        finally {
            foreach ($n in $saved.Keys) { [Environment]::SetEnvironmentVariable($n, $saved[$n]) }
            Disconnect-AckAccount
        }
    }

    It 'writes a non-terminating AckNotConnected error naming each source when nothing is found' {
        Disconnect-AckAccount
        $names = 'ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'ALIBABA_CLOUD_ROLE_ARN', 'ALIBABA_CLOUD_REGION_ID',
            'ALIBABA_CLOUD_CLI_PROFILE_DISABLED', 'ALIBABA_CLOUD_ECS_METADATA_DISABLED'
        $saved = @{}
        foreach ($n in $names) { $saved[$n] = [Environment]::GetEnvironmentVariable($n) }
        try {
            foreach ($n in $names) { [Environment]::SetEnvironmentVariable($n, $null) }
            $env:ALIBABA_CLOUD_REGION_ID = 'cn-hangzhou'
            # Never probe the real metadata address or the user's CLI file from a test.
            $env:ALIBABA_CLOUD_CLI_PROFILE_DISABLED = 'true'
            $env:ALIBABA_CLOUD_ECS_METADATA_DISABLED = 'true'
            $out = Get-AckContext -ErrorAction SilentlyContinue -ErrorVariable errs
            $out | Should -BeNullOrEmpty
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be 'AckNotConnected,AckHardening.PowerShell.Commands.GetAckContextCommand'
            $errs[0].Exception.Message | Should -Match 'Environment:.*Oidc:.*CliProfile:.*EcsRamRole:'
            { Get-AckContext -ErrorAction Stop } | Should -Throw -ErrorId 'AckNotConnected,AckHardening.PowerShell.Commands.GetAckContextCommand'
        }
        finally {
            foreach ($n in $names) { [Environment]::SetEnvironmentVariable($n, $saved[$n]) }
            Disconnect-AckAccount
        }
    }
}
