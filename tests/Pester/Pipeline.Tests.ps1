# Step 1 end to end: the assessment pipeline to CSV, and how it behaves when the services misbehave
# (throttling, outage, malformed answer, wrong secret, Ctrl+C) and what it leaves in a transcript.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-AckModuleUnderTest
    $script:sbx = Start-AckSandbox
    Connect-AckSandbox $script:sbx

    $script:ProId = 'c5b1e8f2a3d4c6e7f8091a2b3c4d5e6f7'
    $script:ProRole = 'KubernetesWorkerRole-4a9e2f1c-7b3d-4e8a-9c6f-1d2e3f4a5b6c'
    $script:ProPolicy = 'k8sWorkerRolePolicy-4a9e2f1c-7b3d-4e8a-9c6f-1d2e3f4a5b6c'
    $script:ClusterCmd = 'AckHardening.PowerShell.Commands.GetAckClusterCommand'
}
AfterAll { Stop-AckSandbox $script:sbx }

Describe 'Get-AckCluster | Get-AckWorkerRolePolicy | Get-AckPolicyAction | Export-Csv' {
    BeforeAll {
        $script:csv = Join-Path $TestDrive 'actions.csv'
        Get-AckCluster -WarningAction SilentlyContinue |
            Get-AckWorkerRolePolicy -InformationAction SilentlyContinue |
            Get-AckPolicyAction |
            Export-Csv -Path $script:csv -NoTypeInformation
        $script:rows = @(Import-Csv -Path $script:csv)
        $script:policies = @(Get-AckWorkerRolePolicy -ClusterId $script:ProId)
    }

    It 'writes one row per action of the attached policies' {
        $expected = ($script:policies | Measure-Object -Property ActionCount -Sum).Sum
        $expected | Should -BeGreaterThan 0
        $script:rows | Should -HaveCount $expected
    }

    It 'puts the useful columns first, in order' {
        $header = (Get-Content -Path $script:csv -TotalCount 1) -split ',' | ForEach-Object { $_.Trim('"') }
        $header[0..9] | Should -Be @('ClusterId', 'RoleName', 'PolicyName', 'StatementIndex', 'Effect', 'Action', 'Resource', 'HasCondition', 'IsWildcard', 'IsNotAction')
    }

    It 'fills every row with the cluster, role, policy and a RAM action' {
        foreach ($row in $script:rows) {
            $row.ClusterId | Should -Be $script:ProId
            $row.RoleName | Should -Be $script:ProRole
            $row.PolicyName | Should -Be $script:ProPolicy
            $row.Effect | Should -BeIn 'Allow', 'Deny'
            $row.Action | Should -Match '^(\*|[A-Za-z0-9-]+:[A-Za-z0-9*?]+)$'
            $row.Resource | Should -Not -BeNullOrEmpty
            $row.IsWildcard | Should -BeIn 'True', 'False'
            [int]$row.StatementIndex | Should -BeLessThan $script:policies[0].StatementCount
        }
    }

    It 'flags the wildcard grants of the broad historical policy' {
        $wild = @($script:rows | Where-Object IsWildcard -eq 'True')
        $wild.Count | Should -Be $script:policies[0].WildcardActionCount
        $wild.Count | Should -BeGreaterThan 0
        $wild.Action | ForEach-Object { $_ | Should -Match '[*?]' }
    }

    It 'adds the node-pool role policy with -IncludeNodePoolRoles' {
        $rows = Get-AckCluster -ClusterId $script:ProId | Get-AckWorkerRolePolicy -IncludeNodePoolRoles | Get-AckPolicyAction
        $rows.PolicyName | Should -Contain 'AckGpuNodePolicy'
        ($rows | Where-Object PolicyName -eq 'AckGpuNodePolicy').RoleName | Sort-Object -Unique | Should -Be 'AckGpuNodeRole'
    }
}

Describe 'Reliability through the sandbox fault API' {
    BeforeEach {
        Clear-AckSandboxFault $script:sbx
        Clear-AckSandboxRequest $script:sbx
    }
    AfterAll { Clear-AckSandboxFault $script:sbx }

    It 'retries a throttled call twice and then succeeds' {
        Add-AckSandboxFault $script:sbx @{ service = 'Cs'; action = 'DescribeClustersV1'; kind = 'throttle'; count = 2 }
        $clusters = Get-AckCluster -WarningAction SilentlyContinue
        $clusters | Should -HaveCount 2
        $calls = @(Get-AckSandboxRequest $script:sbx | Where-Object { $_.service -eq 'Cs' -and $_.action -eq 'DescribeClustersV1' })
        $calls | Should -HaveCount 3
        $calls[0].status | Should -Not -Be 200
        $calls[1].status | Should -Not -Be 200
        $calls[2].status | Should -Be 200
    }

    It 'gives up with AckServiceUnavailable when the service keeps answering 503' {
        Add-AckSandboxFault $script:sbx @{ service = 'Cs'; action = 'DescribeClustersV1'; kind = 'error'; status = 503; code = 'ServiceUnavailable'; count = 100 }
        { Get-AckCluster -ErrorAction Stop } | Should -Throw -ErrorId "AckServiceUnavailable,$($script:ClusterCmd)"
        $calls = @(Get-AckSandboxRequest $script:sbx | Where-Object action -eq 'DescribeClustersV1')
        $calls.Count | Should -BeGreaterThan 1
        $calls | ForEach-Object { $_.status | Should -Be 503 }
    }

    It 'reports a malformed answer as AckMalformedResponse' {
        Add-AckSandboxFault $script:sbx @{ service = 'Cs'; action = 'DescribeClusterDetail'; kind = 'malformed'; count = 100 }
        { Get-AckCluster -ClusterId $script:ProId -ErrorAction Stop } | Should -Throw -ErrorId "AckMalformedResponse,$($script:ClusterCmd)"
    }

    It 'reports a wrong secret as AckAuthenticationFailed' {
        $bad = [pscredential]::new($script:sbx.AdminKeyId, (ConvertTo-SecureString 'not-the-Secret-0000000000' -AsPlainText -Force))
        $caught = $null
        try {
            # Connect-AckAccount asks STS who the key is, so a wrong secret fails there, before any session changes.
            Connect-AckAccount -Credential $bad -Region 'cn-hangzhou' -Endpoint $script:sbx.Endpoints -ErrorAction Stop
        }
        catch { $caught = $_ }
        finally { Connect-AckSandbox $script:sbx }
        $caught | Should -Not -BeNullOrEmpty
        $caught.FullyQualifiedErrorId | Should -Be 'AckAuthenticationFailed,AckHardening.PowerShell.Commands.ConnectAckAccountCommand'
        $caught.CategoryInfo.Category | Should -Be 'AuthenticationError'
        ($caught | Out-String) | Should -Not -Match ([regex]::Escape('not-the-Secret-0000000000'))
    }

    It 'stops promptly on Ctrl+C while a call is in flight' {
        Add-AckSandboxFault $script:sbx @{ service = 'Cs'; action = 'DescribeClustersV1'; kind = 'delay'; delayMs = 60000; count = 1 }
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                    param($helpers, $sbx)
                    Import-Module $helpers -Force
                    Import-AckModuleUnderTest
                    Connect-AckSandbox $sbx
                    Get-AckCluster -Verbose
                }).AddArgument((Join-Path $PSScriptRoot 'TestHelpers.psm1')).AddArgument($script:sbx)
            $handle = $ps.BeginInvoke()

            # Wait until the listing has started (its first verbose line), then give the request time to be in flight.
            $deadline = [datetime]::UtcNow.AddSeconds(60)
            while (-not ($ps.Streams.Verbose | Where-Object Message -Match 'Listing ACK clusters') -and [datetime]::UtcNow -lt $deadline -and -not $handle.IsCompleted) {
                Start-Sleep -Milliseconds 100
            }
            $handle.IsCompleted | Should -BeFalse
            Start-Sleep -Milliseconds 500

            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $watch.Stop()

            $watch.Elapsed.TotalSeconds | Should -BeLessThan 5
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            $err = $null
            try { $null = $ps.EndInvoke($handle) } catch { $err = $_.Exception }
            $err | Should -Not -BeNullOrEmpty
            while ($err.InnerException -and $err -isnot [System.Management.Automation.PipelineStoppedException]) { $err = $err.InnerException }
            $err | Should -BeOfType ([System.Management.Automation.PipelineStoppedException])
        }
        finally {
            $ps.Dispose()
        }
    }

    It 'keeps the secret and any STS token out of a -Debug -Verbose transcript' {
        $transcript = Join-Path $TestDrive 'transcript.txt'
        $connect = Get-Command Connect-AckAccount
        Start-Transcript -Path $transcript
        try {
            & {
                # Act through the assumable operator role so the calls carry an STS token.
                $key = [pscredential]::new($script:sbx.AdminKeyId, (ConvertTo-SecureString $script:sbx.AdminSecret -AsPlainText -Force))
                Connect-AckAccount -Credential $key -Region 'cn-hangzhou' -Endpoint $script:sbx.Endpoints `
                    -RoleArn 'acs:ram::1234567890123456:role/AckHardeningOperator' -Debug -Verbose
            }
            Get-AckCluster -Debug -Verbose -WarningAction Continue | Out-Host
            Get-AckCluster -ClusterId $script:ProId | Get-AckWorkerRolePolicy -IncludeNodePoolRoles -Debug -Verbose | Get-AckPolicyAction -Debug -Verbose | Out-Host
            Get-AckCluster -ClusterId 'c00000000000000000000000000000000' -Debug -Verbose -ErrorAction Continue
        }
        finally {
            Stop-Transcript
            Connect-AckSandbox $script:sbx
        }
        $text = Get-Content -Path $transcript -Raw
        $text | Should -Match 'prod-legacy'                       # the transcript did record the run
        $text | Should -Not -Match ([regex]::Escape($script:sbx.AdminSecret))
        # The real STS credentials the sandbox issued for this run must appear nowhere either.
        $sessions = @(Get-AckSandboxStsSession $script:sbx)
        $sessions.Count | Should -BeGreaterThan 0
        foreach ($session in $sessions) {
            $text | Should -Not -Match ([regex]::Escape($session.securityToken))
            $text | Should -Not -Match ([regex]::Escape($session.accessKeySecret))
        }
        $text | Should -Not -Match '(?i)x-acs-security-token\s*[:=]\s*[^\s*<\[]{8,}'
        $text | Should -Not -Match '(?i)"?SecurityToken"?\s*[:=]\s*"?[A-Za-z0-9+/=]{16,}'
        $text | Should -Not -Match '(?i)Signature=[0-9a-f]{64}'
        $text | Should -Not -Match '(?i)authorization\s*:\s*ACS3-HMAC-SHA256\s+Credential'
    }
}
