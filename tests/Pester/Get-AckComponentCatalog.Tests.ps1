BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-AckModuleUnderTest
    $script:id = 'GetAckComponentCatalogCommand'
}

Describe 'Get-AckComponentCatalog' {
    It 'lists the built-in catalog in upgrade order' {
        $all = @(Get-AckComponentCatalog)
        $all.Count | Should -Be 20
        $all[0].Name | Should -Be 'metrics-server'
        $all[0] | Should -BeOfType ([AckHardening.Components.AckComponentCatalogEntry])
        $ca = $all | Where-Object Name -eq 'cluster-autoscaler'
        $ca.VersionSource | Should -Be 'ImageTag'
        $ca.ImageName | Should -Be 'acs/autoscaler'
        $ca.ServiceRole | Should -Be 'AliyunCSManagedAutoScalerRole'
    }

    It 'filters by name wildcard and category' {
        @(Get-AckComponentCatalog -Name 'terway*').Name | Should -Be @('terway', 'terway-eni', 'terway-eniip', 'terway-controlplane')
        @(Get-AckComponentCatalog -Category Storage).Count | Should -Be 5
    }

    It 'writes AckComponentNotInCatalog for an exact name that is not there' {
        { Get-AckComponentCatalog -Name 'no-such-addon' -ErrorAction Stop } |
            Should -Throw -ErrorId "AckComponentNotInCatalog,AckHardening.PowerShell.Commands.$id"
    }

    It 'gives flat CSV columns' {
        $csv = Get-AckComponentCatalog -Name storage-operator | ConvertTo-Csv -NoTypeInformation
        $csv[0] | Should -Match '"Workloads"'
        $csv[1] | Should -Match 'kube-system/deployment/storage-auto-expander; '
    }

    It 'reads a user catalog file (JSON)' {
        $path = Join-Path TestDrive: 'catalog.json'
        @{
            schemaVersion = '1'
            components = @(@{ name = 'metrics-server'; category = 'Monitoring'; minimumVersion = 'v0.3.9.7-85b3699-aliyun'
                              workloads = @(@{ kind = 'Deployment'; name = 'metrics-server' }) })
        } | ConvertTo-Json -Depth 5 | Set-Content -LiteralPath $path
        $entry = Get-AckComponentCatalog -CatalogPath $path
        $entry.Name | Should -Be 'metrics-server'
        $entry.MinimumVersion | Should -Be 'v0.3.9.7-85b3699-aliyun'
    }

    It 'reports every problem of an invalid catalog with AckComponentCatalogInvalid' {
        $path = Join-Path TestDrive: 'bad.yaml'
        "schemaVersion: 1`ncomponents:`n  - name: Bad_Name`n    category: Nope`n    minimumVersion: v1.x`n" | Set-Content -LiteralPath $path
        $err = { Get-AckComponentCatalog -CatalogPath $path -ErrorAction Stop } |
            Should -Throw -ErrorId "AckComponentCatalogInvalid,AckHardening.PowerShell.Commands.$id" -PassThru
        $err.Exception.Message | Should -Match 'category'
        $err.Exception.Message | Should -Match 'minimumVersion'
    }
}
