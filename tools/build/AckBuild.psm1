# Helpers shared by build.ps1 and the bench script: version, child pwsh, format merge, layout checks.
Set-StrictMode -Version 3.0

function Get-AckModuleVersion {
    # The one place the version lives is Directory.Build.props (<Version>).
    param([Parameter(Mandatory)][string] $RepoRoot)
    $props = [xml](Get-Content -Raw -LiteralPath (Join-Path $RepoRoot 'Directory.Build.props'))
    $node = $props.SelectSingleNode('/Project/PropertyGroup/Version')
    if (-not $node -or -not $node.InnerText.Trim()) { throw 'Directory.Build.props has no <Version>.' }
    $text = $node.InnerText.Trim()
    # ModuleVersion must be a plain System.Version; a prerelease suffix would go to PSData.Prerelease.
    if ($text -notmatch '^\d+\.\d+\.\d+(\.\d+)?$') { throw "Version '$text' is not a plain major.minor.patch version." }
    $text
}

function Get-AckPwshInvocation {
    # The pwsh that runs this script, as an executable plus leading arguments. Under `dotnet pwsh` the process is
    # dotnet itself, running $PSHOME/pwsh.dll.
    $exe = [Environment]::ProcessPath
    $leaf = [IO.Path]::GetFileNameWithoutExtension($exe)
    if ($leaf -eq 'pwsh') { return [pscustomobject]@{ Exe = $exe; Prefix = @() } }
    $dll = Join-Path $PSHOME 'pwsh.dll'
    if (-not (Test-Path -LiteralPath $dll)) { throw "Cannot find pwsh.dll under $PSHOME to start a child pwsh." }
    [pscustomobject]@{ Exe = $exe; Prefix = @($dll) }
}

function Invoke-AckChildPwsh {
    # Runs a script file in a fresh `pwsh -NoProfile` (a loaded dll can never be unloaded, so anything that imports
    # the built module runs in its own process). Returns the exit code; output goes straight to the console.
    param(
        [Parameter(Mandatory)][string] $File,
        [string[]] $ArgumentList = @(),
        [hashtable] $Environment = @{}
    )
    $pwsh = Get-AckPwshInvocation
    $saved = @{}
    foreach ($k in $Environment.Keys) {
        $saved[$k] = [Environment]::GetEnvironmentVariable($k)
        [Environment]::SetEnvironmentVariable($k, [string]$Environment[$k])
    }
    try {
        & $pwsh.Exe @($pwsh.Prefix) -NoProfile -NonInteractive -File $File @ArgumentList | Out-Host
        $LASTEXITCODE
    }
    finally {
        foreach ($k in $saved.Keys) { [Environment]::SetEnvironmentVariable($k, $saved[$k]) }
    }
}

function Merge-AckFormatFile {
    # Joins every <View> of the *.Format.ps1xml sources into one Configuration/ViewDefinitions document.
    param(
        [Parameter(Mandatory)][string] $SourceDirectory,
        [Parameter(Mandatory)][string] $Destination
    )
    $merged = [xml]'<?xml version="1.0" encoding="utf-8"?><Configuration><ViewDefinitions /></Configuration>'
    $target = $merged.SelectSingleNode('/Configuration/ViewDefinitions')
    $names = @{}
    $sources = @(Get-ChildItem -LiteralPath $SourceDirectory -Filter '*.Format.ps1xml' -File -ErrorAction SilentlyContinue | Sort-Object Name)
    foreach ($file in $sources) {
        $doc = [xml](Get-Content -Raw -LiteralPath $file.FullName)
        if ($doc.DocumentElement.LocalName -ne 'Configuration') { throw "$($file.Name): the root element must be <Configuration>." }
        foreach ($child in $doc.DocumentElement.ChildNodes) {
            if ($child.NodeType -eq 'Element' -and $child.LocalName -ne 'ViewDefinitions') {
                throw "$($file.Name): only <ViewDefinitions> can be merged, found <$($child.LocalName)>."
            }
        }
        foreach ($view in $doc.SelectNodes('/Configuration/ViewDefinitions/View')) {
            $name = $view.SelectSingleNode('Name').InnerText
            if ($names.ContainsKey($name)) { throw "View '$name' is defined in both $($names[$name]) and $($file.Name)." }
            $names[$name] = $file.Name
            [void]$target.AppendChild($merged.ImportNode($view, $true))
        }
    }
    $settings = [Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [Text.UTF8Encoding]::new($false) }
    $writer = [Xml.XmlWriter]::Create($Destination, $settings)
    try { $merged.Save($writer) } finally { $writer.Dispose() }
    [pscustomobject]@{ Sources = $sources.Count; Views = $names.Count }
}

function Assert-AckLayout {
    # The laid-out module must hold exactly the expected files: a missing one breaks the module, an unexpected
    # one (say, a new package of Core's) must be added to the list on purpose.
    param(
        [Parameter(Mandatory)][string] $ModuleDirectory,
        [Parameter(Mandatory)][string[]] $Expected
    )
    $actual = @(Get-ChildItem -LiteralPath $ModuleDirectory -Recurse -File |
        ForEach-Object { [IO.Path]::GetRelativePath($ModuleDirectory, $_.FullName).Replace('\', '/') })
    $missing = @($Expected | Where-Object { $_ -notin $actual })
    $extra = @($actual | Where-Object { $_ -notin $Expected })
    if ($missing -or $extra) {
        $msg = "Module layout differs from the expected file list in build.ps1."
        if ($missing) { $msg += "`n  missing: " + ($missing -join ', ') }
        if ($extra) { $msg += "`n  unexpected: " + ($extra -join ', ') + "`n  (a new package of Core's goes into `$DependencyAssemblies in build.ps1; a stale bin/ is cleared by 'build.ps1 clean')" }
        throw $msg
    }
}

Export-ModuleMember -Function Get-AckModuleVersion, Get-AckPwshInvocation, Invoke-AckChildPwsh, Merge-AckFormatFile, Assert-AckLayout
