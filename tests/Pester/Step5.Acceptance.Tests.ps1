# Acceptance of issue 4 (step 5), end to end against a fresh sandbox of the default scenario:
#   Get-AckCluster | Get-AckWorkerRoleActivity -Days 14 | Export-Csv
# gives exactly the scenario's counts per action (the sandbox's ground truth, AuditHelpers.psm1), and the same
# numbers come from the trail's history (-Source LookupEvents) and from the trail's files as delivered to OSS
# (-Path). Single-source details (paging, faults, errors) are in Get-AckWorkerRoleActivity.Tests.ps1.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'AuditHelpers.psm1') -Force
    Import-AckModuleUnderTest
    $script:sbx = Start-AckSandbox
    Connect-AckSandbox $script:sbx

    $script:ProId = 'c5b1e8f2a3d4c6e7f8091a2b3c4d5e6f7'
    $script:ProRole = 'KubernetesWorkerRole-4a9e2f1c-7b3d-4e8a-9c6f-1d2e3f4a5b6c'
    $script:GpuRole = 'AckGpuNodeRole'
    $script:Expected = @{
        $script:ProRole = Get-AckSandboxExpectedActivity $script:sbx -RoleName $script:ProRole
        $script:GpuRole = Get-AckSandboxExpectedActivity $script:sbx -RoleName $script:GpuRole
    }
    $script:Oss = Export-AckSandboxActionTrail $script:sbx -Path (Join-Path $TestDrive 'oss')

    # Every role's rows against that role's ground truth; the set of roles must be exactly -Roles.
    function Assert-ExpectedCounts($Rows, [string[]] $Roles) {
        @($Rows | ForEach-Object RoleName | Sort-Object -Unique) | Should -Be @($Roles | Sort-Object)
        foreach ($role in $Roles) {
            $mine = @($Rows | Where-Object RoleName -eq $role)
            $mine.Count | Should -Be $script:Expected[$role].Count -Because "one row per action of $role"
            Compare-AckActivityCount -Actual $mine -Expected $script:Expected[$role] | Should -BeNullOrEmpty
        }
    }
    function Select-Counts($Rows) { $Rows | Select-Object RoleName, Action, @{ n = 'Count'; e = { [long]$_.Count } }, @{ n = 'DeniedCount'; e = { [long]$_.DeniedCount } } }
}
AfterAll { Stop-AckSandbox $script:sbx }

Describe 'Step 5 acceptance: the worker roles'' real API usage (default scenario)' {
    It 'the ground truth holds both roles, with refused calls' {
        $script:Expected[$script:ProRole].Count | Should -BeGreaterThan 10
        $script:Expected[$script:GpuRole].Count | Should -BeGreaterThan 0
        @($script:Expected[$script:ProRole] | Where-Object DeniedCount -gt 0) | Should -Not -BeNullOrEmpty
    }

    It 'Get-AckCluster | Get-AckWorkerRoleActivity -Days 14 | Export-Csv gives exactly the scenario''s counts per action' {
        $csv = Join-Path $TestDrive 'activity.csv'
        Get-AckCluster -WarningAction SilentlyContinue | Get-AckWorkerRoleActivity -Days 14 -WarningAction SilentlyContinue |
            Export-Csv -LiteralPath $csv -NoTypeInformation
        $script:csvRows = @(Import-Csv -LiteralPath $csv)
        # Only prod-legacy's worker role called anything; staging-basic's role is quiet, old-dedicated is skipped.
        Assert-ExpectedCounts $script:csvRows @($script:ProRole)
        $script:csvRows | ForEach-Object { $_.ClusterId | Should -Be $script:ProId; $_.Source | Should -Be 'Sls' }
        (Get-Content -LiteralPath $csv -TotalCount 1) | Should -Match '^"ClusterId","RoleName","ServiceName","EventName","Action","Count","DeniedCount"'
    }

    It 'with -IncludeNodePoolRoles also gives the gpu pool role''s counts' {
        $script:sls = @(Get-AckCluster -WarningAction SilentlyContinue | Get-AckWorkerRoleActivity -Days 14 -IncludeNodePoolRoles -WarningAction SilentlyContinue)
        Assert-ExpectedCounts $script:sls @($script:ProRole, $script:GpuRole)
        $script:sls | ForEach-Object { $_.ClusterId | Should -Be $script:ProId }
    }

    It '-Source LookupEvents gives the same numbers' {
        $lookup = @(Get-AckCluster -WarningAction SilentlyContinue | Get-AckWorkerRoleActivity -Days 14 -IncludeNodePoolRoles -Source LookupEvents -WarningAction SilentlyContinue)
        Assert-ExpectedCounts $lookup @($script:ProRole, $script:GpuRole)
        $lookup | ForEach-Object { $_.Source | Should -Be 'LookupEvents' }
        Compare-Object (Select-Counts $script:sls) (Select-Counts $lookup) -Property RoleName, Action, Count, DeniedCount | Should -BeNullOrEmpty
    }

    It '-Path over the trail''s exported OSS files gives the same numbers' {
        $files = @(Get-ChildItem -LiteralPath $script:Oss -Recurse -File)
        $files.Count | Should -BeGreaterThan 1
        $files | ForEach-Object { $_.Name | Should -BeLike '*.json.gz' }
        $fromFiles = @(Get-AckCluster -WarningAction SilentlyContinue | Get-AckWorkerRoleActivity -Path $script:Oss -IncludeNodePoolRoles -WarningAction SilentlyContinue)
        Assert-ExpectedCounts $fromFiles @($script:ProRole, $script:GpuRole)
        $fromFiles | ForEach-Object { $_.Source | Should -Be 'File' }
        Compare-Object (Select-Counts $script:sls) (Select-Counts $fromFiles) -Property RoleName, Action, Count, DeniedCount | Should -BeNullOrEmpty
    }

    It 'the exported CSV reads back into the same numbers as the live objects' {
        $pro = @($script:sls | Where-Object RoleName -eq $script:ProRole)
        Compare-Object (Select-Counts $script:csvRows) (Select-Counts $pro) -Property RoleName, Action, Count, DeniedCount | Should -BeNullOrEmpty
    }
}
