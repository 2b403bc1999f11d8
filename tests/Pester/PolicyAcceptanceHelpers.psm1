# Pester helpers for the step-6 acceptance: a RAM policy evaluator written in plain PowerShell, independent of the
# module's engine, so the acceptance does not prove the engine with itself; and a scenario copy whose worker policy
# holds the statements the recommender deliberately keeps (Deny, Condition, NotAction).
Set-StrictMode -Version 3.0

function Get-PolicyStatement {
    # The statements of a policy document given as JSON text, always as an array; Action/NotAction as arrays.
    [CmdletBinding()]
    param([Parameter(Mandatory)][string] $Json)
    $doc = $Json | ConvertFrom-Json -DateKind String
    foreach ($s in @($doc.Statement)) {
        $p = $s.PSObject.Properties
        [pscustomobject]@{
            Effect      = [string]$s.Effect
            Action      = if ($p['Action']) { @($s.Action | ForEach-Object { [string]$_ }) } else { $null }
            NotAction   = if ($p['NotAction']) { @($s.NotAction | ForEach-Object { [string]$_ }) } else { $null }
            HasCondition = [bool]$p['Condition']
            # Canonical text of the statement, to compare statements between documents.
            Text        = $s | ConvertTo-Json -Depth 20 -Compress
        }
    }
}

function Test-PatternMatch([string[]] $Patterns, [string] $Action) {
    # RAM action patterns: * and ?, case-insensitive. -like treats [ ] specially; actions never contain them.
    foreach ($p in $Patterns) { if ($Action -like $p) { return $true } }
    $false
}

function Test-StatementMatch($Statement, [string] $Action) {
    if ($null -ne $Statement.Action) { return (Test-PatternMatch $Statement.Action $Action) }
    if ($null -ne $Statement.NotAction) { return -not (Test-PatternMatch $Statement.NotAction $Action) }
    $false
}

function Test-PolicyAllowsAction {
    # True when the document allows the action without any condition: an unconditional Allow matches it and no
    # Deny (conditional or not, to be conservative) matches it.
    [CmdletBinding()]
    param([Parameter(Mandatory)][string] $Json, [Parameter(Mandatory)][string] $Action)
    $statements = @(Get-PolicyStatement -Json $Json)
    foreach ($s in $statements) { if ($s.Effect -eq 'Deny' -and (Test-StatementMatch $s $Action)) { return $false } }
    foreach ($s in $statements) { if ($s.Effect -eq 'Allow' -and -not $s.HasCondition -and (Test-StatementMatch $s $Action)) { return $true } }
    $false
}

function Get-UnusedPolicyGrant {
    # Every Action entry of an unconditional Allow statement that covers none of the used actions: what a
    # least-privilege document must not hold. Deny, Condition and NotAction statements are not judged here.
    [CmdletBinding()]
    param([Parameter(Mandatory)][string] $Json, [Parameter(Mandatory)][AllowEmptyCollection()][string[]] $UsedAction)
    foreach ($s in @(Get-PolicyStatement -Json $Json)) {
        if ($s.Effect -ne 'Allow' -or $s.HasCondition -or $null -eq $s.Action) { continue }
        foreach ($pattern in $s.Action) {
            if (-not ($UsedAction | Where-Object { $_ -like $pattern } | Select-Object -First 1)) { $pattern }
        }
    }
}

function Get-KeptPolicyStatement {
    # The statements the recommender keeps as written: Deny, with a Condition, or with NotAction (canonical text).
    [CmdletBinding()]
    param([Parameter(Mandatory)][string] $Json)
    @(Get-PolicyStatement -Json $Json | Where-Object { $_.Effect -ne 'Allow' -or $_.HasCondition -or $null -ne $_.NotAction } |
        ForEach-Object Text | Sort-Object)
}

function New-KeptStatementScenario {
    # A copy of the default scenario whose worker policy's default version (v2) also holds a Deny, a conditional
    # Allow and a NotAction Deny statement, none of them about an action the role uses. Returns the folder.
    [CmdletBinding()]
    param([Parameter(Mandatory)][string] $Path, [Parameter(Mandatory)][string] $PolicyName)
    $source = Join-Path (Split-Path -Parent (Split-Path -Parent $PSScriptRoot)) 'src/AckHardening.Sandbox/Scenarios/default'
    $null = New-Item -ItemType Directory -Force -Path $Path
    Copy-Item -Path (Join-Path $source '*') -Destination $Path -Recurse -Force
    $ramFile = Join-Path $Path 'ram.json'
    $ram = Get-Content -Raw -LiteralPath $ramFile | ConvertFrom-Json -DateKind String
    $version = $ram.policies | Where-Object policyName -eq $PolicyName | ForEach-Object versions | Where-Object isDefaultVersion
    if (-not $version) { throw "The default scenario has no default version of policy $PolicyName." }
    $extra = @(
        [ordered]@{ Effect = 'Deny'; Action = @('ecs:DeleteInstance', 'ecs:DeleteInstances'); Resource = @('*') }
        [ordered]@{ Effect = 'Allow'; Action = @('oss:GetObject'); Resource = @('acs:oss:*:*:ack-worker-config/*'); Condition = [ordered]@{ IpAddress = [ordered]@{ 'acs:SourceIp' = @('10.0.0.0/8') } } }
        [ordered]@{ Effect = 'Deny'; NotAction = @('ecs:*', 'cr:*', 'log:*', 'cms:*', 'vpc:*', 'slb:*', 'nas:*', 'ess:*', 'kms:*', 'eci:*', 'oss:*', 'tag:*', 'arms:*', 'nlb:*', 'alb:*'); Resource = @('*'); Condition = [ordered]@{ Bool = [ordered]@{ 'acs:MFAPresent' = @('false') } } }
    )
    $version.policyDocument.Statement = @($version.policyDocument.Statement) + $extra
    $ram | ConvertTo-Json -Depth 30 | Set-Content -LiteralPath $ramFile -Encoding utf8NoBOM
    (Resolve-Path -LiteralPath $Path).Path
}

Export-ModuleMember -Function Get-PolicyStatement, Test-PolicyAllowsAction, Get-UnusedPolicyGrant, Get-KeptPolicyStatement, New-KeptStatementScenario
