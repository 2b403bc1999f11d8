# Behaviour every AckHardening cmdlet inherits from its base class: how it ends when the pipeline stops early,
# what -Debug alone does in a non-interactive host, and how a session that cannot work fails.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-AckModuleUnderTest
    $script:sbx = Start-AckSandbox
    Connect-AckSandbox $script:sbx
    $script:ClusterCmd = 'AckHardening.PowerShell.Commands.GetAckClusterCommand'
}
AfterAll { Stop-AckSandbox $script:sbx }

Describe 'AckCmdlet base behaviour' {
    BeforeEach {
        Clear-AckSandboxFault $script:sbx
        Connect-AckSandbox $script:sbx
    }

    It 'stops its background calls when a downstream Select-Object -First ends the pipeline' {
        # Each node-pool read is slow; after the first cluster is out, Select-Object stops the pipeline.
        Add-AckSandboxFault $script:sbx @{ service = 'Cs'; action = 'DescribeClusterNodePools'; kind = 'delay'; delayMs = 1500; count = -1 }
        Clear-AckSandboxRequest $script:sbx
        $first = Get-AckCluster | Select-Object -First 1
        $first | Should -Not -BeNullOrEmpty
        $returnedAt = Get-Date
        Start-Sleep -Milliseconds 2500
        # Whatever was in flight was abandoned (the sandbox logs it as closed by the client), and nothing started later.
        $late = @(Get-AckSandboxRequest $script:sbx -Service Cs | Where-Object { $_.status -eq 200 -and [datetime]$_.time -gt $returnedAt.ToUniversalTime().AddMilliseconds(200) })
        $late | Should -BeNullOrEmpty
    }

    It 'writes verbose detail as debug lines under -Debug alone, without prompting in a non-interactive host' {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                    param($ModulePath, $Endpoints, $KeyId, $Secret)
                    Import-Module $ModulePath
                    $key = [pscredential]::new($KeyId, (ConvertTo-SecureString $Secret -AsPlainText -Force))
                    $null = Connect-AckAccount -Credential $key -Region cn-hangzhou -Endpoint $Endpoints
                    Get-AckCluster -Debug
                }).AddParameters(@{ ModulePath = $env:ACK_MODULE_PATH; Endpoints = $script:sbx.Endpoints; KeyId = $script:sbx.AdminKeyId; Secret = $script:sbx.AdminSecret })
            $out = $ps.Invoke()
            $ps.Streams.Error | Should -BeNullOrEmpty
            @($out).Count | Should -BeGreaterThan 0
            $ps.Streams.Debug.Count | Should -BeGreaterThan 0
            ($ps.Streams.Debug.Message -join "`n") | Should -Match 'DescribeClustersV1'
            ($ps.Streams.Debug.Message -join "`n") | Should -Not -Match ([regex]::Escape($script:sbx.AdminSecret))
        }
        finally { $ps.Dispose() }
    }

    It 'ends once with AckNoCredentials, not once per piped id, when no credential source exists' {
        Disconnect-AckAccount
        $names = 'ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'ALIBABA_CLOUD_SECURITY_TOKEN', 'ALIBABA_CLOUD_ROLE_ARN',
            'ALIBABA_CLOUD_REGION_ID', 'ALIBABA_CLOUD_CLI_PROFILE_DISABLED', 'ALIBABA_CLOUD_ECS_METADATA_DISABLED'
        $saved = @{}
        foreach ($n in $names) { $saved[$n] = [Environment]::GetEnvironmentVariable($n) }
        try {
            foreach ($n in $names) { [Environment]::SetEnvironmentVariable($n, $null) }
            $env:ALIBABA_CLOUD_REGION_ID = 'cn-hangzhou'
            $env:ALIBABA_CLOUD_CLI_PROFILE_DISABLED = 'true'
            $env:ALIBABA_CLOUD_ECS_METADATA_DISABLED = 'true'
            $errs = $null
            $threw = $null
            try { 'c0000000000000000000000000000000a', 'c0000000000000000000000000000000b', 'c0000000000000000000000000000000c' | Get-AckCluster -ErrorVariable errs }
            catch { $threw = $_ }
            $threw | Should -Not -BeNullOrEmpty
            $threw.FullyQualifiedErrorId | Should -Be "AckNoCredentials,$script:ClusterCmd"
            $threw.CategoryInfo.Category | Should -Be 'AuthenticationError'
            $threw.Exception.Message | Should -Match 'Environment:.*CliProfile:.*EcsRamRole:'
            # Terminating at the first id: never one error per piped id.
            @($errs | Where-Object { "$($_.FullyQualifiedErrorId)" -like 'AckNoCredentials*' }).Count | Should -BeLessOrEqual 1
        }
        finally {
            foreach ($n in $names) { [Environment]::SetEnvironmentVariable($n, $saved[$n]) }
            Connect-AckSandbox $script:sbx
        }
    }
}
