BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-AckModuleUnderTest
    $script:sbx = Start-AckSandbox
    Connect-AckSandbox $script:sbx

    function New-AdminCredential {
        [pscredential]::new($script:sbx.AdminKeyId, (ConvertTo-SecureString $script:sbx.AdminSecret -AsPlainText -Force))
    }
    $script:operatorArn = 'acs:ram::1234567890123456:role/AckHardeningOperator'
    $script:connectId = 'AckHardening.PowerShell.Commands.ConnectAckAccountCommand'
}
AfterAll { Stop-AckSandbox $script:sbx }

Describe 'Connect-AckAccount' {
    BeforeEach { Connect-AckSandbox $script:sbx }

    It 'connects with -Credential and returns a masked context' {
        $ctx = Connect-AckAccount -Credential (New-AdminCredential) -Region cn-hangzhou -Endpoint $script:sbx.Endpoints
        $ctx | Should -BeOfType ([AckHardening.Context.AckContextInfo])
        $ctx.AccessKeyId | Should -Be 'LTAI*****************001'
        $ctx.Source | Should -Be 'Credential'
        $ctx.Region | Should -Be 'cn-hangzhou'
        $ctx.IsStsToken | Should -BeFalse
        $ctx.Endpoints | Should -Match 'Ram=http://127\.0\.0\.1:\d+/'
    }

    It 'never shows the secret in output, formatting or verbose and debug streams' {
        $all = Connect-AckAccount -Credential (New-AdminCredential) -Region cn-hangzhou -Endpoint $script:sbx.Endpoints -Verbose -Debug *>&1 |
            Out-String -Width 400
        $all += Get-AckContext | Format-List * | Out-String -Width 400
        $all += Get-AckContext | ConvertTo-Json
        $all | Should -Not -Match ([regex]::Escape($script:sbx.AdminSecret))
        $all | Should -Not -Match ([regex]::Escape($script:sbx.AdminKeyId))
    }

    It 'rejects an unknown -Endpoint key and leaves the session unchanged' {
        $before = Get-AckContext
        { Connect-AckAccount -Credential (New-AdminCredential) -Region cn-beijing -Endpoint @{ Ecs = 'http://127.0.0.1:1/' } -ErrorAction Stop } |
            Should -Throw -ErrorId "AckInvalidEndpoint,$script:connectId"
        $after = Get-AckContext
        $after.Region | Should -Be $before.Region
        $after.Endpoints | Should -Be $before.Endpoints
    }

    It 'rejects plain http on a non-loopback host as InvalidArgument' {
        $err = $null
        try { Connect-AckAccount -Credential (New-AdminCredential) -Region cn-hangzhou -Endpoint @{ Ram = 'http://ram.example.com/' } -ErrorAction Stop }
        catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -Be "AckInvalidEndpoint,$script:connectId"
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        (Get-AckContext).Endpoints | Should -Match '127\.0\.0\.1'
    }

    It 'assumes a role with -RoleArn through the sandbox STS' {
        Clear-AckSandboxRequest $script:sbx
        $ctx = Connect-AckAccount -Credential (New-AdminCredential) -Region cn-hangzhou -Endpoint $script:sbx.Endpoints `
            -RoleArn $script:operatorArn -RoleSessionName 'pester-session' -DurationSeconds 900
        $ctx.IsStsToken | Should -BeTrue
        $ctx.RoleArn | Should -Be $script:operatorArn
        $ctx.Source | Should -Be 'RamRoleArn(Credential)'
        $ctx.Expiration | Should -BeGreaterThan ([DateTimeOffset]::UtcNow)
        $ctx.AccessKeyId | Should -Not -Be 'LTAI*****************001'
        $calls = @(Get-AckSandboxRequest $script:sbx | Where-Object { $_.service -eq 'Sts' -and $_.action -eq 'AssumeRole' })
        $calls.Count | Should -Be 1
        $calls[0].status | Should -Be 200
    }

    It 'fails with the service error when the role cannot be assumed, keeping the previous session' {
        $before = Get-AckContext
        { Connect-AckAccount -Credential (New-AdminCredential) -Region cn-hangzhou -Endpoint $script:sbx.Endpoints `
            -RoleArn 'acs:ram::1234567890123456:role/NoSuchRole' -ErrorAction Stop } | Should -Throw -ErrorId "AckRoleNotFound,$script:connectId"
        (Get-AckContext).Source | Should -Be $before.Source
    }

    It 'rejects a wrong secret on AssumeRole as an authentication failure' {
        $bad = [pscredential]::new($script:sbx.AdminKeyId, (ConvertTo-SecureString 'not-the-secret' -AsPlainText -Force))
        { Connect-AckAccount -Credential $bad -Region cn-hangzhou -Endpoint $script:sbx.Endpoints -RoleArn $script:operatorArn -ErrorAction Stop } |
            Should -Throw -ErrorId "AckAuthenticationFailed,$script:connectId"
    }

    It 'reads an aliyun CLI profile from -ConfigPath' {
        $path = Join-Path $TestDrive 'config.json'
        @{
            current  = 'sbx'
            profiles = @(@{ name = 'sbx'; mode = 'AK'; access_key_id = $script:sbx.AdminKeyId; access_key_secret = $script:sbx.AdminSecret; region_id = 'cn-hangzhou' })
        } | ConvertTo-Json -Depth 4 | Set-Content -Path $path
        $ctx = Connect-AckAccount -ProfileName sbx -ConfigPath $path -Endpoint $script:sbx.Endpoints
        $ctx.Source | Should -Be 'Profile:sbx'
        $ctx.Region | Should -Be 'cn-hangzhou'
    }

    It 'names a missing profile' {
        $path = Join-Path $TestDrive 'empty.json'
        '{"current":"x","profiles":[]}' | Set-Content -Path $path
        { Connect-AckAccount -ProfileName nope -ConfigPath $path -Region cn-hangzhou -ErrorAction Stop } |
            Should -Throw -ErrorId "AckProfileNotFound,$script:connectId"
    }

    It 'explains -Oidc without the RRSA variables' {
        $saved = $env:ALIBABA_CLOUD_ROLE_ARN
        try {
            $env:ALIBABA_CLOUD_ROLE_ARN = $null
            { Connect-AckAccount -Oidc -Region cn-hangzhou -ErrorAction Stop } | Should -Throw -ErrorId "AckOidcNotConfigured,$script:connectId"
        }
        finally { $env:ALIBABA_CLOUD_ROLE_ARN = $saved }
    }
}
