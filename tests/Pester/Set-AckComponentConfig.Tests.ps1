BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    . (Join-Path $PSScriptRoot 'CompCloud.Helpers.ps1')
    Import-AckModuleUnderTest
    $script:sbx = Start-AckSandbox
    Connect-AckSandbox $script:sbx
    $script:cmd = 'AckHardening.PowerShell.Commands.SetAckComponentConfigCommand'
    $script:acr = 'aliyun-acr-credential-helper'
}
AfterAll { Stop-AckSandbox $script:sbx }

Describe 'Set-AckComponentConfig' {
    BeforeEach { Reset-AckSandbox $script:sbx; Clear-AckSandboxRequest $script:sbx }

    It '-WhatIf shows the change and sends nothing' {
        # What-if lines go to the host, so a transcript is what sees them.
        $log = Join-Path TestDrive: 'whatif.txt'
        Start-Transcript -LiteralPath $log -UseMinimalHeader | Out-Null
        try { $out = Set-AckComponentConfig -ClusterId $ProdCluster -Name $script:acr -Config @{ tokenMode = 'managedRole' } -WhatIf }
        finally { Stop-Transcript | Out-Null }
        $out | Should -BeNullOrEmpty
        Get-Content -LiteralPath $log -Raw | Should -Match "tokenMode: 'auto' -> 'managedRole'"
        @(Get-AckSandboxRequest $script:sbx | Where-Object isWrite).Count | Should -Be 0
    }

    It 'merges tokenMode into the stored config and sends it' {
        $c = Set-AckComponentConfig -ClusterId $ProdCluster -Name $script:acr -Config @{ TOKENMODE = 'managedrole' } -Confirm:$false
        $c.Applied | Should -BeTrue
        $c.ChangedKeys | Should -Be 'tokenMode'
        ($c.Before | ConvertFrom-Json).tokenMode | Should -Be 'auto'
        $after = $c.After | ConvertFrom-Json
        $after.tokenMode | Should -Be 'managedRole'
        $after.watchNamespace | Should -Be 'default'
        (Get-AckSandboxRequest $script:sbx | Where-Object isWrite).action | Should -Be 'ModifyClusterAddon'
        (Test-AckComponentVersion -ClusterId $ProdCluster -WarningAction SilentlyContinue | Where-Object Component -eq $script:acr).NextStep | Should -Be 'Redeploy'
    }

    It 'sends nothing when the values are already there' {
        $c = Set-AckComponentConfig -ClusterId $ProdCluster -Name $script:acr -Config @{ tokenMode = 'auto' } -Confirm:$false
        $c.Applied | Should -BeFalse
        $c.ChangedKeys | Should -BeNullOrEmpty
        @(Get-AckSandboxRequest $script:sbx | Where-Object isWrite).Count | Should -Be 0
    }

    It 'adds nested values and removes keys given as $null' {
        $c = Set-AckComponentConfig -ClusterId $ProdCluster -Name logtail-ds -Config @{ IngressDashboardEnabled = $null; sls = @{ project = 'k8s-log'; shards = 2 } } -Confirm:$false
        $after = $c.After | ConvertFrom-Json
        $after.PSObject.Properties.Name | Should -Not -Contain 'IngressDashboardEnabled'
        $after.sls.shards | Should -Be 2
        @($c.ChangedKeyList).Count | Should -Be 2
    }

    It 'refuses a tokenMode that does not exist' {
        { Set-AckComponentConfig -ClusterId $ProdCluster -Name $script:acr -Config @{ tokenMode = 'rootRole' } -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId "AckComponentConfigInvalid,$script:cmd"
        @(Get-AckSandboxRequest $script:sbx | Where-Object isWrite).Count | Should -Be 0
    }

    It 'writes AckComponentNotInstalled for a component the cluster does not have' {
        { Set-AckComponentConfig -ClusterId $StagingCluster -Name $script:acr -Config @{ tokenMode = 'managedRole' } -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId "AckComponentNotInstalled,$script:cmd"
    }
}
