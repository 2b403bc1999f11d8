# Markdown -> MAML help generation (platyPS is not available). The markdown gives the prose (docs/cmdlets/<Name>.md,
# format in README.md "Writing cmdlet help"); the syntax and parameter metadata come from the built module
# (Export-AckCommandMetadata.ps1), so help can never disagree with the code.
Set-StrictMode -Version 3.0

$script:KnownSections = 'SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS', 'NOTES', 'RELATED LINKS'

# Standard text for the ShouldProcess parameters when a page does not describe them itself.
$script:StandardDescriptions = @{
    WhatIf  = 'Shows what would happen if the cmdlet runs. The cmdlet is not run.'
    Confirm = 'Prompts you for confirmation before running the cmdlet.'
}

function ConvertFrom-AckHelpMarkdown {
    # Parses one help page into a plain object. Throws with file:line on structural errors.
    param([Parameter(Mandatory)][string] $Path)
    $file = Split-Path -Leaf $Path
    $lines = (Get-Content -Raw -LiteralPath $Path) -split "\r?\n"
    $page = [ordered]@{
        Name = $null; Synopsis = ''; Description = ''; Examples = [Collections.Generic.List[object]]::new()
        Parameters = [ordered]@{}; Inputs = [Collections.Generic.List[object]]::new()
        Outputs = [Collections.Generic.List[object]]::new(); Notes = ''; Links = [Collections.Generic.List[object]]::new()
        File = $file
    }
    $section = $null; $sub = $null; $buffer = [Collections.Generic.List[string]]::new()
    $inFence = $false; $fenceLang = ''; $code = $null

    $flush = {
        $text = ($buffer -join "`n").Trim()
        $buffer.Clear()
        switch ($section) {
            'SYNOPSIS' { $page.Synopsis = $text }
            'DESCRIPTION' { $page.Description = $text }
            'NOTES' { $page.Notes = $text }
            'EXAMPLES' { if ($sub) { $sub.Remarks = $text } }
            'PARAMETERS' { if ($sub) { $page.Parameters[$sub.Name] = $text } }
            'INPUTS' { if ($sub) { $sub.Description = $text } }
            'OUTPUTS' { if ($sub) { $sub.Description = $text } }
            'RELATED LINKS' {
                foreach ($l in ($text -split "`n")) {
                    $l = $l.Trim().TrimStart('-', '*').Trim()
                    if (-not $l) { continue }
                    if ($l -match '^\[(?<t>[^\]]+)\]\((?<u>[^)]*)\)$') { $page.Links.Add([pscustomobject]@{ Text = $Matches.t; Uri = $Matches.u }) }
                    else { $page.Links.Add([pscustomobject]@{ Text = $l; Uri = '' }) }
                }
            }
        }
    }

    for ($i = 0; $i -lt $lines.Count; $i++) {
        $line = $lines[$i]; $where = "${file}:$($i + 1)"
        if ($line -match '^\s*```(?<lang>\S*)\s*$') {
            if (-not $inFence) {
                $inFence = $true; $fenceLang = $Matches.lang; $code = [Collections.Generic.List[string]]::new()
            }
            else {
                $inFence = $false
                if ($section -eq 'EXAMPLES' -and $sub) {
                    if ($sub.Code) { $sub.Code += "`n`n" }
                    $sub.Code += ($code -join "`n")
                }
                elseif ($section -eq 'PARAMETERS' -and $fenceLang -eq 'yaml') { }   # platyPS metadata block: the module is the source
                elseif ($section -ne 'SYNTAX') { $buffer.Add(($code -join "`n")) }
            }
            continue
        }
        if ($inFence) { $code.Add($line); continue }

        if ($line -match '^# (?<n>\S.*)$') {
            if ($page.Name) { throw "${where}: a second top-level title '# $($Matches.n)'." }
            $page.Name = $Matches.n.Trim(); continue
        }
        if ($line -match '^## (?<s>\S.*)$') {
            & $flush; $sub = $null
            $section = $Matches.s.Trim().ToUpperInvariant()
            if ($section -notin $script:KnownSections) { throw "${where}: unknown section '## $($Matches.s)'. Known: $($script:KnownSections -join ', ')." }
            continue
        }
        if ($line -match '^### (?<h>\S.*)$') {
            & $flush
            $heading = $Matches.h.Trim()
            switch ($section) {
                'EXAMPLES' {
                    $title = $heading
                    $sub = [pscustomobject]@{ Title = $title; Code = ''; Remarks = '' }
                    $page.Examples.Add($sub)
                }
                'PARAMETERS' {
                    if ($heading -notmatch '^-(?<p>[A-Za-z][A-Za-z0-9_]*)$') { throw "${where}: parameter headings are '### -Name', found '### $heading'." }
                    $sub = [pscustomobject]@{ Name = $Matches.p }
                    if ($page.Parameters.Contains($sub.Name)) { throw "${where}: parameter -$($sub.Name) is described twice." }
                    $page.Parameters[$sub.Name] = ''
                }
                'INPUTS' { $sub = [pscustomobject]@{ Type = $heading; Description = '' }; $page.Inputs.Add($sub) }
                'OUTPUTS' { $sub = [pscustomobject]@{ Type = $heading; Description = '' }; $page.Outputs.Add($sub) }
                default { throw "${where}: '### $heading' is not expected in section '$section'." }
            }
            continue
        }
        if ($section) { $buffer.Add($line) }
    }
    if ($inFence) { throw "${file}: a code fence is not closed." }
    & $flush
    if (-not $page.Name) { throw "${file}: the page has no '# Verb-Noun' title." }
    [pscustomobject]$page
}

function Add-Paragraphs([Xml.XmlWriter] $w, [string] $text) {
    # Blank-line separated paragraphs; single newlines inside a paragraph are kept as spaces, list items as lines.
    $paras = @(($text -split "\n\s*\n") | ForEach-Object { $_.Trim() } | Where-Object { $_ })
    if (-not $paras) { $w.WriteElementString('maml', 'para', $script:ns.maml, ''); return }
    foreach ($p in $paras) {
        $joined = ($p -split "\n" | ForEach-Object {
            $t = $_.Trim(); if ($t -match '^([-*]|\d+\.)\s') { "`n$t" } else { $t }
        }) -join ' '
        $joined = ($joined -replace ' \n', "`n").Trim()
        $w.WriteElementString('maml', 'para', $script:ns.maml, $joined)
    }
}

$script:ns = @{
    msh     = 'http://msh'
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
}

function Write-MamlParameter([Xml.XmlWriter] $w, $meta, [string] $description, [bool] $required, [string] $position, [string] $pipeline, [bool] $withDescription) {
    $w.WriteStartElement('command', 'parameter', $script:ns.command)
    $w.WriteAttributeString('required', ([string]$required).ToLowerInvariant())
    $w.WriteAttributeString('variableLength', ([string]($meta.TypeName -like '*[[]]')).ToLowerInvariant())
    $w.WriteAttributeString('globbing', ([string]$meta.Globbing).ToLowerInvariant())
    $w.WriteAttributeString('pipelineInput', $pipeline)
    $w.WriteAttributeString('position', $position)
    $w.WriteAttributeString('aliases', $(if ($meta.Aliases.Count) { $meta.Aliases -join ', ' } else { 'none' }))
    $w.WriteElementString('maml', 'name', $script:ns.maml, $meta.Name)
    $w.WriteStartElement('maml', 'description', $script:ns.maml)
    if ($withDescription) { Add-Paragraphs $w $description }
    $w.WriteEndElement()
    if (-not $meta.IsSwitch) {
        $w.WriteStartElement('command', 'parameterValue', $script:ns.command)
        $w.WriteAttributeString('required', 'true'); $w.WriteAttributeString('variableLength', 'false')
        $w.WriteString($meta.TypeName); $w.WriteEndElement()
    }
    $w.WriteStartElement('dev', 'type', $script:ns.dev)
    $w.WriteElementString('maml', 'name', $script:ns.maml, $(if ($meta.PSObject.Properties['TypeFullName']) { $meta.TypeFullName } else { $meta.TypeName }))
    $w.WriteElementString('maml', 'uri', $script:ns.maml, '')
    $w.WriteEndElement()
    $w.WriteElementString('dev', 'defaultValue', $script:ns.dev, $(if ($meta.PSObject.Properties['DefaultValue']) { $meta.DefaultValue } else { 'None' }))
    $w.WriteEndElement()
}

function Get-PipelineText($p) {
    if ($p.ByValue -and $p.ByPropertyName) { 'True (ByValue, ByPropertyName)' }
    elseif ($p.ByValue) { 'True (ByValue)' }
    elseif ($p.ByPropertyName) { 'True (ByPropertyName)' }
    else { 'False' }
}

function Get-PositionText($p) { if ($p.Position -ge 0) { [string]$p.Position } else { 'named' } }

function Test-AckHelpPage {
    # Cross-checks one page against the command metadata. Returns @{ Errors; Warnings }.
    param([Parameter(Mandatory)] $Page, [Parameter(Mandatory)] $Command)
    $errors = [Collections.Generic.List[string]]::new(); $warnings = [Collections.Generic.List[string]]::new()
    $known = @($Command.Parameters | ForEach-Object Name)
    foreach ($name in $Page.Parameters.Keys) {
        if ($name -notin $known) { $errors.Add("$($Page.File): documents -$name, which $($Command.Name) does not have.") }
    }
    foreach ($name in $known) {
        $hasText = $Page.Parameters.Contains($name) -and $Page.Parameters[$name]
        if (-not $hasText -and -not $script:StandardDescriptions.ContainsKey($name)) { $warnings.Add("$($Page.File): -$name has no description.") }
    }
    if (-not $Page.Synopsis) { $errors.Add("$($Page.File): SYNOPSIS is empty.") }
    if (-not $Page.Description) { $warnings.Add("$($Page.File): DESCRIPTION is empty.") }
    if ($Page.Examples.Count -eq 0) { $errors.Add("$($Page.File): EXAMPLES has no '### Example' with code.") }
    foreach ($ex in $Page.Examples) { if (-not $ex.Code) { $errors.Add("$($Page.File): example '$($ex.Title)' has no code block.") } }
    foreach ($out in $Page.Outputs) {
        if ($Command.OutputTypes.Count -and $out.Type -notin $Command.OutputTypes) {
            $warnings.Add("$($Page.File): OUTPUTS names $($out.Type), which is not among [OutputType] ($($Command.OutputTypes -join ', ')).")
        }
    }
    [pscustomobject]@{ Errors = $errors; Warnings = $warnings }
}

function Write-AckMamlCommand([Xml.XmlWriter] $w, $Page, $Command) {
    $w.WriteStartElement('command', 'command', $script:ns.command)
    $w.WriteAttributeString('xmlns', 'maml', $null, $script:ns.maml)
    $w.WriteAttributeString('xmlns', 'command', $null, $script:ns.command)
    $w.WriteAttributeString('xmlns', 'dev', $null, $script:ns.dev)

    $w.WriteStartElement('command', 'details', $script:ns.command)
    $w.WriteElementString('command', 'name', $script:ns.command, $Command.Name)
    $w.WriteStartElement('maml', 'description', $script:ns.maml); Add-Paragraphs $w $Page.Synopsis; $w.WriteEndElement()
    $w.WriteElementString('command', 'verb', $script:ns.command, $Command.Verb)
    $w.WriteElementString('command', 'noun', $script:ns.command, $Command.Noun)
    $w.WriteEndElement()

    $w.WriteStartElement('maml', 'description', $script:ns.maml); Add-Paragraphs $w $Page.Description; $w.WriteEndElement()

    $byName = @{}; foreach ($p in $Command.Parameters) { $byName[$p.Name] = $p }
    $describe = {
        param($name)
        if ($Page.Parameters.Contains($name) -and $Page.Parameters[$name]) { return $Page.Parameters[$name] }
        if ($script:StandardDescriptions.ContainsKey($name)) { return $script:StandardDescriptions[$name] }
        ''
    }

    $w.WriteStartElement('command', 'syntax', $script:ns.command)
    foreach ($set in $Command.Syntax) {
        $w.WriteStartElement('command', 'syntaxItem', $script:ns.command)
        $w.WriteElementString('maml', 'name', $script:ns.maml, $Command.Name)
        # Positional parameters first in position order, then mandatory, then the rest (PowerShell's own order).
        $ordered = @($set.Parameters | Sort-Object @{ e = { if ($_.Position -ge 0) { $_.Position } else { [int]::MaxValue } } }, @{ e = { -not $_.Mandatory } })
        foreach ($sp in $ordered) {
            $full = $byName[$sp.Name]
            Write-MamlParameter $w $full (& $describe $sp.Name) $sp.Mandatory (Get-PositionText $sp) (Get-PipelineText $sp) $false
        }
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'parameters', $script:ns.command)
    foreach ($p in ($Command.Parameters | Sort-Object Name)) {
        Write-MamlParameter $w $p (& $describe $p.Name) $p.Mandatory (Get-PositionText $p) (Get-PipelineText $p) $true
    }
    $w.WriteEndElement()

    # INPUTS: the page's list, else the types of the parameters that bind from the pipeline.
    $inputs = @($Page.Inputs)
    if (-not $inputs) {
        $inputs = @($Command.Parameters | Where-Object { $_.ByValue -or $_.ByPropertyName } | ForEach-Object {
            [pscustomobject]@{ Type = $_.TypeFullName; Description = "-$($_.Name) " + $(if ($_.ByValue) { 'binds from the pipeline.' } else { 'binds from a property of the same name on piped objects.' }) }
        } | Group-Object Type | ForEach-Object { [pscustomobject]@{ Type = $_.Name; Description = ($_.Group.Description -join "`n`n") } })
    }
    $w.WriteStartElement('command', 'inputTypes', $script:ns.command)
    foreach ($in in $inputs) {
        $w.WriteStartElement('command', 'inputType', $script:ns.command)
        $w.WriteStartElement('dev', 'type', $script:ns.dev); $w.WriteElementString('maml', 'name', $script:ns.maml, $in.Type); $w.WriteEndElement()
        $w.WriteStartElement('maml', 'description', $script:ns.maml); Add-Paragraphs $w $in.Description; $w.WriteEndElement()
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $outputs = @($Page.Outputs)
    if (-not $outputs) { $outputs = @($Command.OutputTypes | ForEach-Object { [pscustomobject]@{ Type = $_; Description = '' } }) }
    $w.WriteStartElement('command', 'returnValues', $script:ns.command)
    foreach ($out in $outputs) {
        $w.WriteStartElement('command', 'returnValue', $script:ns.command)
        $w.WriteStartElement('dev', 'type', $script:ns.dev); $w.WriteElementString('maml', 'name', $script:ns.maml, $out.Type); $w.WriteEndElement()
        $w.WriteStartElement('maml', 'description', $script:ns.maml); Add-Paragraphs $w $out.Description; $w.WriteEndElement()
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    if ($Page.Notes) {
        $w.WriteStartElement('maml', 'alertSet', $script:ns.maml)
        $w.WriteStartElement('maml', 'alert', $script:ns.maml); Add-Paragraphs $w $Page.Notes; $w.WriteEndElement()
        $w.WriteEndElement()
    }

    $w.WriteStartElement('command', 'examples', $script:ns.command)
    foreach ($ex in $Page.Examples) {
        $w.WriteStartElement('command', 'example', $script:ns.command)
        $w.WriteElementString('maml', 'title', $script:ns.maml, "-------------------------- $($ex.Title) --------------------------")
        $w.WriteElementString('dev', 'code', $script:ns.dev, $ex.Code)
        $w.WriteStartElement('dev', 'remarks', $script:ns.dev); Add-Paragraphs $w $ex.Remarks; $w.WriteEndElement()
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    # An empty relatedLinks element makes Get-Help's default view fall back to a raw property list: omit it.
    if ($Page.Links.Count -eq 0) { $w.WriteEndElement(); return }
    $w.WriteStartElement('command', 'relatedLinks', $script:ns.command)
    foreach ($l in $Page.Links) {
        $w.WriteStartElement('maml', 'navigationLink', $script:ns.maml)
        $w.WriteElementString('maml', 'linkText', $script:ns.maml, $l.Text)
        $w.WriteElementString('maml', 'uri', $script:ns.maml, $l.Uri)
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteEndElement()
}

function New-AckMamlHelp {
    # Builds the MAML file for all commands. Fails on a cmdlet without a page, a page without a cmdlet, or a page
    # that names a parameter the cmdlet lacks; warns on parameters without a description.
    param(
        [Parameter(Mandatory)][string] $DocsDirectory,
        [Parameter(Mandatory)][AllowEmptyCollection()][object[]] $Commands,
        [Parameter(Mandatory)][string] $Destination
    )
    $pages = @{}
    foreach ($md in @(Get-ChildItem -LiteralPath $DocsDirectory -Filter '*.md' -File -ErrorAction SilentlyContinue)) {
        $page = ConvertFrom-AckHelpMarkdown -Path $md.FullName
        if ($page.Name -ne $md.BaseName) { throw "$($md.Name): the title '# $($page.Name)' does not match the file name." }
        $pages[$page.Name] = $page
    }
    $errors = [Collections.Generic.List[string]]::new()
    $names = @($Commands | ForEach-Object Name)
    foreach ($c in $Commands) { if (-not $pages.ContainsKey($c.Name)) { $errors.Add("$($c.Name) has no help page: add docs/cmdlets/$($c.Name).md.") } }
    foreach ($n in $pages.Keys) { if ($n -notin $names) { $errors.Add("docs/cmdlets/$n.md describes a cmdlet the module does not export.") } }

    $settings = [Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [Text.UTF8Encoding]::new($false) }
    $w = [Xml.XmlWriter]::Create($Destination, $settings)
    try {
        $w.WriteStartDocument()
        $w.WriteStartElement('helpItems', $script:ns.msh)
        $w.WriteAttributeString('schema', 'maml')
        foreach ($c in ($Commands | Sort-Object Name)) {
            if (-not $pages.ContainsKey($c.Name)) { continue }
            $check = Test-AckHelpPage -Page $pages[$c.Name] -Command $c
            $check.Errors | ForEach-Object { $errors.Add($_) }
            $check.Warnings | ForEach-Object { Write-Warning $_ }
            Write-AckMamlCommand $w $pages[$c.Name] $c
        }
        $w.WriteEndElement(); $w.WriteEndDocument()
    }
    finally { $w.Dispose() }
    if ($errors.Count) { throw ("Help generation failed:`n  " + ($errors -join "`n  ")) }
    [pscustomobject]@{ Commands = $Commands.Count; Pages = $pages.Count }
}

function ConvertTo-AckAboutHelp {
    # docs/about_X.md -> en-US/about_X.help.txt: '# about_X' becomes the TOPIC, each '## Heading' an upper-case
    # heading, body text indented by four spaces (the layout Get-Help shows for about topics).
    param([Parameter(Mandatory)][string] $Path, [Parameter(Mandatory)][string] $Destination)
    $lines = (Get-Content -Raw -LiteralPath $Path) -split "\r?\n"
    $out = [Collections.Generic.List[string]]::new()
    $topic = $null; $inFence = $false
    foreach ($line in $lines) {
        if ($line -match '^\s*```') { $inFence = -not $inFence; continue }
        if ($inFence) { $out.Add('        ' + $line); continue }
        if ($line -match '^# (?<t>\S+)\s*$') {
            $topic = $Matches.t; $out.Add('TOPIC'); $out.Add("    $topic"); continue
        }
        if ($line -match '^#{2,} (?<h>.+)$') { $out.Add(''); $out.Add($Matches.h.Trim().ToUpperInvariant()); continue }
        if ($line.Trim()) { $out.Add('    ' + ($line -replace '`', '')) } else { $out.Add('') }
    }
    if (-not $topic -or $topic -notlike 'about_*') { throw "$(Split-Path -Leaf $Path): the first line must be '# about_Name'." }
    $text = ($out -join "`n") -replace "`n{3,}", "`n`n"
    [IO.File]::WriteAllText($Destination, $text.TrimEnd() + "`n", [Text.UTF8Encoding]::new($false))
}

Export-ModuleMember -Function ConvertFrom-AckHelpMarkdown, Test-AckHelpPage, New-AckMamlHelp, ConvertTo-AckAboutHelp
