# Module hygiene: manifest, exports, naming, OutputType, ShouldProcess, help completeness and format views.
# Data-driven from the built module, so every new cmdlet is checked without touching this file.

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $module = Import-AckModuleUnderTest
    $manifestData = Import-PowerShellDataFile -LiteralPath $env:ACK_MODULE_PATH

    # Cmdlets the dll defines, by reflection on [Cmdlet] (whether exported or not).
    $script:dllCmdlets = @($module.ImplementingAssembly.GetExportedTypes() | ForEach-Object {
        $attr = $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) | Select-Object -First 1
        if ($attr) { @{ Name = "$($attr.VerbName)-$($attr.NounName)"; Verb = $attr.VerbName; Noun = $attr.NounName; Type = $_; Attr = $attr } }
    })
    # Verbs that change cloud or cluster state and therefore need -WhatIf/-Confirm. Connect-/Disconnect- only
    # change this runspace's session, so they are not in the list.
    $stateChangingVerbs = @('Set', 'New', 'Update', 'Remove', 'Add', 'Clear', 'Reset', 'Invoke', 'Repair',
        'Restore', 'Backup', 'Enable', 'Disable', 'Start', 'Stop', 'Restart', 'Register', 'Unregister', 'Install',
        'Uninstall', 'Deploy', 'Publish', 'Grant', 'Revoke', 'Move', 'Rename', 'Rotate', 'Undo', 'Sync', 'Submit', 'Approve', 'Deny')
    $script:mutators = @($script:dllCmdlets | Where-Object { $_.Verb -in $stateChangingVerbs })
    $script:listed = @($manifestData.CmdletsToExport | ForEach-Object { @{ Name = $_ } })
    $script:exported = @(Get-Command -Module $module.Name -CommandType Cmdlet | ForEach-Object { @{ Name = $_.Name } })

    # Output types the module defines (AckHardening.*) of the exported cmdlets, and the views of the merged format file.
    $script:outputTypes = @(Get-Command -Module $module.Name -CommandType Cmdlet | ForEach-Object { $_.OutputType } |
        Where-Object Name -like 'AckHardening.*' | Group-Object Name | ForEach-Object { @{ TypeName = $_.Name; Type = $_.Group[0].Type } })
    $formatFile = Join-Path $module.ModuleBase 'AckHardening.Format.ps1xml'
    $script:views = @(([xml](Get-Content -Raw -LiteralPath $formatFile)).SelectNodes('/Configuration/ViewDefinitions/View') | ForEach-Object {
        @{ Name = $_.Name; TypeNames = @($_.SelectNodes('ViewSelectedBy/TypeName') | ForEach-Object InnerText)
           Properties = @($_.SelectNodes('.//TableColumnItem/PropertyName | .//ListItem/PropertyName | .//GroupBy/PropertyName') | ForEach-Object InnerText) }
    })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:module = Import-AckModuleUnderTest
    $script:manifestPath = $env:ACK_MODULE_PATH
    $script:manifestData = Import-PowerShellDataFile -LiteralPath $manifestPath
    $script:approvedVerbs = @((Get-Verb).Verb)
    $script:formatFile = Join-Path $module.ModuleBase 'AckHardening.Format.ps1xml'
    $script:viewTypes = @(([xml](Get-Content -Raw -LiteralPath $formatFile)).SelectNodes('//ViewSelectedBy/TypeName') | ForEach-Object InnerText)

    function Find-LoadedType([string] $Name) {
        foreach ($a in [AppDomain]::CurrentDomain.GetAssemblies()) { $t = $a.GetType($Name, $false); if ($t) { return $t } }
    }
}

Describe 'Manifest' {
    It 'passes Test-ModuleManifest' {
        { Test-ModuleManifest -Path $manifestPath -ErrorAction Stop } | Should -Not -Throw
    }

    It 'carries the version from Directory.Build.props' {
        $props = [xml](Get-Content -Raw -LiteralPath (Join-Path $PSScriptRoot '../../Directory.Build.props'))
        $expected = $props.SelectSingleNode('/Project/PropertyGroup/Version').InnerText.Trim()
        $manifestData.ModuleVersion | Should -Be $expected
        $module.Version | Should -Be ([version]$expected)
        # The laid-out folder is named after the version too (out/AckHardening/<version>/).
        Split-Path -Leaf $module.ModuleBase | Should -Be $expected
    }

    It 'targets PowerShell 7.4+ Core with the cmdlet dll as root module' {
        $manifestData.RootModule | Should -Be 'AckHardening.PowerShell.dll'
        $manifestData.PowerShellVersion | Should -Be '7.4'
        $manifestData.CompatiblePSEditions | Should -Be @('Core')
    }

    It 'lists <_> explicitly, with no wildcard' -ForEach 'CmdletsToExport', 'FunctionsToExport', 'AliasesToExport', 'VariablesToExport' {
        $manifestData.ContainsKey($_) | Should -BeTrue -Because 'a missing export key means "*" and a full scan on import'
        @($manifestData[$_]) -join ',' | Should -Not -Match '[*?]'
    }

    It 'exports no functions, aliases or variables' {
        @($manifestData.FunctionsToExport).Count | Should -Be 0
        @($manifestData.AliasesToExport).Count | Should -Be 0
        @($manifestData.VariablesToExport).Count | Should -Be 0
    }

    It 'processes the merged format file' {
        $manifestData.FormatsToProcess | Should -Be @('AckHardening.Format.ps1xml')
    }

    It 'exports <Name>, which the dll defines' -ForEach $dllCmdlets {
        $manifestData.CmdletsToExport | Should -Contain $Name
    }

    It 'defines <Name>, which the manifest exports' -ForEach $listed {
        $defined = @($module.ImplementingAssembly.GetExportedTypes() | ForEach-Object {
            $a = $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) | Select-Object -First 1
            if ($a) { "$($a.VerbName)-$($a.NounName)" }
        })
        $defined | Should -Contain $Name -Because 'CmdletsToExport must name only cmdlets the dll defines'
    }

    It 'imports with -Verbose without any warning (unapproved verbs included)' {
        $warnings = $null
        Import-Module $manifestPath -Force -Global -Verbose -WarningVariable warnings -WarningAction SilentlyContinue 4>$null
        @($warnings) | Should -BeNullOrEmpty
    }
}

Describe 'Cmdlet <Name>' -ForEach $dllCmdlets {
    It 'uses an approved verb' {
        $approvedVerbs | Should -Contain $Verb
    }

    It 'has a noun with the Ack prefix' {
        $Noun | Should -Match '^Ack[A-Z]'
    }

    It 'is AckHardening.PowerShell.Commands.<Verb><Noun>Command' {
        $Type.FullName | Should -Be "AckHardening.PowerShell.Commands.$Verb${Noun}Command"
    }

    It 'declares [OutputType]' {
        @($Type.GetCustomAttributes([System.Management.Automation.OutputTypeAttribute], $true)).Count | Should -BeGreaterThan 0
    }

}

Describe 'State-changing cmdlet <Name>' -ForEach $mutators {
    It 'supports -WhatIf and -Confirm' {
        $Attr.SupportsShouldProcess | Should -BeTrue
    }
}

Describe 'Help of <Name>' -ForEach $exported {
    BeforeAll {
        $command = Get-Command $Name
        $full = Get-Help $Name -Full
        $examples = Get-Help $Name -Examples
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters
    }

    It 'comes from the MAML file, not the auto-generated stub' {
        $full.PSObject.Properties['description'] | Should -Not -BeNullOrEmpty
        ($full | Out-String) | Should -Not -Match 'Get-Help cannot find the Help files'
    }

    It 'has a synopsis that is not the syntax line' {
        $full.Synopsis | Should -Not -BeNullOrEmpty
        $full.Synopsis.Trim() | Should -Not -BeLike "$Name *"
    }

    It 'has a description' {
        ($full.description.Text -join '').Trim() | Should -Not -BeNullOrEmpty
    }

    It 'has at least one example with code in -Examples' {
        @($examples.examples.example).Count | Should -BeGreaterThan 0
        @($examples.examples.example)[0].code | Should -Not -BeNullOrEmpty
    }

    It 'describes every parameter' {
        $names = @($command.Parameters.Keys | Where-Object { $_ -notin $common })
        $described = @{}
        foreach ($p in @($full.parameters.parameter)) { if ($p) { $described[$p.name] = ($p.description.Text -join '').Trim() } }
        foreach ($n in $names) { $described[$n] | Should -Not -BeNullOrEmpty -Because "-$n needs a description in docs/cmdlets/$Name.md" }
    }
}

Describe 'Output type <TypeName>' -ForEach $outputTypes {
    It 'has a view in the format file' {
        $viewTypes | Should -Contain $TypeName
    }
}

Describe 'Format view <Name>' -ForEach $views {
    It 'selects a type the module defines' {
        foreach ($t in $TypeNames) { Find-LoadedType $t | Should -Not -BeNullOrEmpty -Because "view '$Name' selects $t" }
    }

    It 'names only real properties in its columns' {
        foreach ($t in $TypeNames) {
            $type = Find-LoadedType $t
            $props = @($type.GetProperties() | ForEach-Object Name)
            foreach ($p in $Properties) { $props | Should -Contain $p -Because "view '$Name' shows $p of $t" }
        }
    }
}
