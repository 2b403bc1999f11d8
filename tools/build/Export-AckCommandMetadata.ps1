# Runs in a child `pwsh -NoProfile`: imports the laid-out module and writes, as JSON, what help generation needs
# to know about every cmdlet (parameter sets, types, binding, defaults). Help text comes from docs/cmdlets/*.md;
# everything here comes from the built code, so the two cannot disagree about the syntax.
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [Parameter(Mandatory)][string] $OutFile
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$module = Import-Module $ModulePath -PassThru -Force
$common = [System.Management.Automation.PSCmdlet]::CommonParameters
$optional = [System.Management.Automation.PSCmdlet]::OptionalCommonParameters

function Get-FriendlyTypeName([type] $t) {
    if ($t.IsArray) { return (Get-FriendlyTypeName $t.GetElementType()) + '[]' }
    if ($t.IsGenericType -and $t.GetGenericTypeDefinition() -eq [Nullable`1]) { return (Get-FriendlyTypeName $t.GetGenericArguments()[0]) }
    $t.Name
}

function Format-DefaultValue($value) {
    if ($null -eq $value) { return 'None' }
    if ($value -is [System.Management.Automation.SwitchParameter]) { return [string]$value.IsPresent }
    if ($value -is [Array]) { if ($value.Count -eq 0) { return 'None' } else { return ($value -join ', ') } }
    if ($value -is [string] -and $value -eq '') { return 'None' }
    [string]$value
}

$commands = foreach ($cmd in (Get-Command -Module $module.Name -CommandType Cmdlet | Sort-Object Name)) {
    $type = $cmd.ImplementingType
    $attr = $type.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $true) | Select-Object -First 1

    # Defaults as the code sets them: a fresh instance's property values (constructors only initialise fields).
    $instance = $null
    try { $instance = [Activator]::CreateInstance($type) } catch { Write-Warning "$($cmd.Name): cannot instantiate $($type.FullName) to read defaults: $_" }

    $names = @($cmd.Parameters.Keys | Where-Object { $_ -notin $common })
    $parameters = foreach ($name in $names) {
        $p = $cmd.Parameters[$name]
        $sets = @($p.ParameterSets.GetEnumerator() | ForEach-Object { $_.Value })
        $prop = $type.GetProperty($name)
        $default = 'None'
        if ($instance -and $prop -and $name -notin $optional) { $default = Format-DefaultValue ($prop.GetValue($instance)) }
        [ordered]@{
            Name              = $name
            TypeFullName      = $p.ParameterType.FullName
            TypeName          = Get-FriendlyTypeName $p.ParameterType
            IsSwitch          = $p.SwitchParameter
            Aliases           = @($p.Aliases)
            Globbing          = [bool]($prop -and $prop.GetCustomAttributes([System.Management.Automation.SupportsWildcardsAttribute], $true))
            Mandatory         = [bool](@($sets | Where-Object IsMandatory).Count)
            Position          = (@($sets | Where-Object { $_.Position -ge 0 } | ForEach-Object Position) + @(-1))[0]
            ByValue           = [bool](@($sets | Where-Object ValueFromPipeline).Count)
            ByPropertyName    = [bool](@($sets | Where-Object ValueFromPipelineByPropertyName).Count)
            ValueFromRemaining = [bool](@($sets | Where-Object ValueFromRemainingArguments).Count)
            DefaultValue      = $default
        }
    }

    $syntax = foreach ($set in $cmd.ParameterSets) {
        [ordered]@{
            Name       = $set.Name
            IsDefault  = $set.IsDefault
            Parameters = @(foreach ($sp in $set.Parameters) {
                if ($sp.Name -in $common) { continue }
                [ordered]@{
                    Name           = $sp.Name
                    TypeName       = Get-FriendlyTypeName $sp.ParameterType
                    IsSwitch       = ($sp.ParameterType -eq [System.Management.Automation.SwitchParameter])
                    Mandatory      = $sp.IsMandatory
                    Position       = $sp.Position
                    ByValue        = $sp.ValueFromPipeline
                    ByPropertyName = $sp.ValueFromPipelineByPropertyName
                }
            })
        }
    }

    [ordered]@{
        Name                  = $cmd.Name
        Verb                  = $cmd.Verb
        Noun                  = $cmd.Noun
        ImplementingType      = $type.FullName
        SupportsShouldProcess = [bool]$attr.SupportsShouldProcess
        OutputTypes           = @($cmd.OutputType | ForEach-Object Name)
        Parameters            = @($parameters)
        Syntax                = @($syntax | Sort-Object { -not $_.IsDefault })
    }
}

ConvertTo-Json -InputObject @($commands) -Depth 8 | Set-Content -LiteralPath $OutFile -Encoding utf8NoBOM
