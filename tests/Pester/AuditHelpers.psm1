# Pester helpers for the audit cmdlets: the sandbox's ground truth for generated ActionTrail activity, the same
# events exported as OSS-style files, and a comparison of per-action counts. Works beside TestHelpers.psm1.
Set-StrictMode -Version 3.0

function Invoke-AuditControl([Parameter(Mandatory)] $Sandbox, [string] $Method, [string] $PathAndQuery, $Body) {
    $uri = [Uri]::new([Uri]$Sandbox.Control, "_sandbox/$PathAndQuery")
    if ($uri.Host -ne '127.0.0.1') { throw "Refusing to call '$uri': the control API is on 127.0.0.1 only." }
    $params = @{ Uri = $uri; Method = $Method; NoProxy = $true; ErrorAction = 'Stop' }
    if ($PSBoundParameters.ContainsKey('Body')) {
        $params.Body = ConvertTo-Json -InputObject $Body -Depth 6 -Compress
        $params.ContentType = 'application/json'
    }
    Invoke-RestMethod @params
}

function ConvertTo-ExpectedRow($Item) {
    $p = $Item.PSObject.Properties
    $action = if ($p['Action']) { $Item.Action } elseif ($p['action']) { $Item.action } else { throw "An expected-activity row has no Action: $($Item | ConvertTo-Json -Compress)" }
    $get = { param($names) foreach ($n in $names) { if ($p[$n] -and $null -ne $p[$n].Value) { return [long]$p[$n].Value } }; [long]0 }
    [pscustomobject]@{
        PSTypeName  = 'AckHardening.Tests.ExpectedActivity'
        Action      = [string]$action
        Count       = & $get @('Count', 'count')
        DeniedCount = & $get @('DeniedCount', 'deniedCount')
        ErrorCount  = & $get @('ErrorCount', 'errorCount')
    }
}

function Get-AckSandboxExpectedActivity {
    # Ground truth: GET /_sandbox/expected-activity?role=<role> — the per-action counts of the events the sandbox
    # generated for that role. Accepts a bare array or an object with an 'activities' list.
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] $Sandbox, [Parameter(Mandatory)][string] $RoleName)
    $answer = Invoke-AuditControl $Sandbox GET "expected-activity?role=$([Uri]::EscapeDataString($RoleName))"
    $rows = if ($answer -is [array]) { $answer }
        elseif ($answer.PSObject.Properties['activities']) { $answer.activities }
        elseif ($answer.PSObject.Properties['Activities']) { $answer.Activities }
        else { @($answer) }
    @($rows | Where-Object { $_ } | ForEach-Object { ConvertTo-ExpectedRow $_ } | Sort-Object Action)
}

function Export-AckSandboxActionTrail {
    # Writes the sandbox's generated ActionTrail events as OSS-style files (gzip JSON arrays) under -Path, through
    # the control endpoint POST /_sandbox/actiontrail/export, and returns the folder.
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] $Sandbox, [Parameter(Mandatory)][string] $Path)
    $null = New-Item -ItemType Directory -Force -Path $Path
    $full = (Resolve-Path -LiteralPath $Path).Path
    $null = Invoke-AuditControl $Sandbox POST 'actiontrail/export' @{ folder = $full; format = 'GzipJsonArray' }
    if (-not (Get-ChildItem -LiteralPath $full -Recurse -File | Select-Object -First 1)) { throw "The sandbox exported no file to '$full'." }
    $full
}

function Compare-AckActivityCount {
    # Differences between activities (AckRoleActivity or CSV rows) and the expected rows: one object per action
    # whose Count or DeniedCount differ, or that is missing on either side. Empty when they agree.
    [CmdletBinding()]
    param([Parameter(Mandatory)][AllowEmptyCollection()] $Actual, [Parameter(Mandatory)][AllowEmptyCollection()] $Expected)
    $a = @{}; foreach ($x in @($Actual)) { $a[[string]$x.Action] = $x }
    $e = @{}; foreach ($x in @($Expected)) { $e[[string]$x.Action] = $x }
    foreach ($action in @($a.Keys) + @($e.Keys) | Sort-Object -Unique) {
        $ax = $a[$action]; $ex = $e[$action]
        $ac = if ($ax) { [long]$ax.Count } else { $null }; $ec = if ($ex) { [long]$ex.Count } else { $null }
        $ad = if ($ax) { [long]$ax.DeniedCount } else { $null }; $ed = if ($ex) { [long]$ex.DeniedCount } else { $null }
        if ($ac -ne $ec -or $ad -ne $ed) {
            [pscustomobject]@{ Action = $action; ExpectedCount = $ec; ActualCount = $ac; ExpectedDenied = $ed; ActualDenied = $ad }
        }
    }
}

Export-ModuleMember -Function Get-AckSandboxExpectedActivity, Export-AckSandboxActionTrail, Compare-AckActivityCount
