# Pester harness for AckHardening (contract in BRIEF.md, "The Pester harness contract"): imports the laid-out
# module, runs the loopback sandbox emulator as a child process, connects to it, and wraps its control API.
Set-StrictMode -Version 3.0

$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
$script:DefaultScenario = Join-Path $script:RepoRoot 'src/AckHardening.Sandbox/Scenarios/default'
$script:ServiceNames = 'Ram', 'Sts', 'Cs', 'ActionTrail', 'Sls'

# The default scenario's admin key (BRIEF.md, "Default scenario facts"): a sandbox fixture, not a real secret.
$script:AdminKeyId = 'LTAI5tSbxAdminKey0000001'
$script:AdminSecret = 'sbx-Secret-7f3a9c2e5b8d1f4a6c0e'
$script:AccountId = '1234567890123456'
$script:Region = 'cn-hangzhou'

function Import-AckModuleUnderTest {
    # Imports the manifest that build.ps1 laid out (never an installed copy) into the global scope, so test
    # files see the cmdlets although this helper module does the import.
    [CmdletBinding()]
    param()
    $path = $env:ACK_MODULE_PATH
    if (-not $path) { throw 'ACK_MODULE_PATH is not set: run the tests through build.ps1 test.' }
    if (-not (Test-Path -LiteralPath $path)) { throw "ACK_MODULE_PATH '$path' does not exist: run build.ps1 first." }
    Import-Module $path -Force -Global -PassThru -ErrorAction Stop
}

function Get-DotnetHost {
    # The dotnet that runs this pwsh when started as `dotnet pwsh`, else the one on PATH.
    $self = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($self) -eq 'dotnet') { return $self }
    $cmd = Get-Command dotnet -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if (-not $cmd) { throw 'dotnet is not on PATH; it is needed to run the sandbox.' }
    $cmd.Source
}

function Assert-LoopbackUri([string] $Name, [string] $Value) {
    $uri = $null
    if (-not [Uri]::TryCreate($Value, [UriKind]::Absolute, [ref]$uri) -or $uri.Host -ne '127.0.0.1') {
        throw "The sandbox announced '$Value' for $Name; only http://127.0.0.1:<port>/ is accepted."
    }
    $Value
}

function Start-AckSandbox {
    # Starts AckHardening.Sandbox.dll (path in $env:ACK_SANDBOX_DLL) on a scenario folder and waits for its
    # single 'SANDBOX-READY {json}' line. The process gets --exit-on-stdin-eof, so it also ends if this
    # process dies without calling Stop-AckSandbox.
    [CmdletBinding()]
    param(
        [string] $Scenario = $script:DefaultScenario,
        [ValidateRange(1, 600)][int] $TimeoutSeconds = 90
    )
    $dll = $env:ACK_SANDBOX_DLL
    if (-not $dll) { throw 'ACK_SANDBOX_DLL is not set: run the tests through build.ps1 test.' }
    if (-not (Test-Path -LiteralPath $dll)) { throw "ACK_SANDBOX_DLL '$dll' does not exist: run build.ps1 first." }
    if (-not (Test-Path -LiteralPath $Scenario -PathType Container)) { throw "Scenario folder '$Scenario' does not exist." }
    $Scenario = (Resolve-Path -LiteralPath $Scenario).Path

    $psi = [Diagnostics.ProcessStartInfo]::new((Get-DotnetHost))
    foreach ($a in @($dll, '--scenario', $Scenario, '--exit-on-stdin-eof')) { $psi.ArgumentList.Add($a) }
    $psi.UseShellExecute = $false
    $psi.RedirectStandardInput = $true
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $psi.WorkingDirectory = Split-Path -Parent $dll
    $process = [Diagnostics.Process]::Start($psi)
    # Drain stderr from the start so a chatty sandbox can never block on a full pipe; kept for error messages.
    $stderr = $process.StandardError.ReadToEndAsync()

    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    $seen = [Collections.Generic.List[string]]::new()
    $ready = $null
    try {
        while (-not $ready) {
            $read = $process.StandardOutput.ReadLineAsync()
            $left = [int][Math]::Max(0, ($deadline - [DateTime]::UtcNow).TotalMilliseconds)
            if (-not $read.Wait($left)) { throw "The sandbox did not report ready within $TimeoutSeconds s." }
            $line = $read.Result
            if ($null -eq $line) { throw "The sandbox exited before it was ready (exit code $(if ($process.WaitForExit(2000)) { $process.ExitCode } else { '?' }))." }
            if ($line.StartsWith('SANDBOX-READY ')) { $ready = $line.Substring('SANDBOX-READY '.Length) } else { $seen.Add($line) }
        }
        $info = $ready | ConvertFrom-Json -AsHashtable
    }
    catch {
        Stop-SandboxProcess $process
        $detail = (@($seen | Select-Object -Last 20) + @(if ($stderr.IsCompleted) { $stderr.Result })) -join "`n"
        throw "Start-AckSandbox: $($_.Exception.Message)`n$detail"
    }
    # Keep draining stdout (request logging, if any) for the life of the process.
    $stdout = $process.StandardOutput.ReadToEndAsync()

    $endpoints = @{}
    foreach ($name in $script:ServiceNames) {
        if (-not $info.ContainsKey($name)) { Stop-SandboxProcess $process; throw "SANDBOX-READY has no '$name' endpoint." }
        $endpoints[$name] = Assert-LoopbackUri $name $info[$name]
    }
    $kubernetes = @{}
    if ($info.ContainsKey('Kubernetes') -and $info['Kubernetes']) {
        foreach ($k in $info['Kubernetes'].Keys) { $kubernetes[$k] = Assert-LoopbackUri "Kubernetes/$k" $info['Kubernetes'][$k] }
    }
    if (-not $info.ContainsKey('Control')) { Stop-SandboxProcess $process; throw "SANDBOX-READY has no 'Control' endpoint." }

    [pscustomobject]@{
        PSTypeName = 'AckHardening.Tests.Sandbox'
        Process    = $process
        Scenario   = $Scenario
        Endpoints  = $endpoints
        Kubernetes = $kubernetes
        Control    = Assert-LoopbackUri 'Control' $info['Control']
        AdminKeyId = $script:AdminKeyId
        AdminSecret = $script:AdminSecret
        AccountId  = $script:AccountId
        Region     = $script:Region
        Ready      = $info
        StdOut     = $stdout
        StdErr     = $stderr
    }
}

function Stop-SandboxProcess([Diagnostics.Process] $Process, [int] $GraceMilliseconds = 5000) {
    if (-not $Process) { return }
    try {
        if (-not $Process.HasExited) {
            # Closing stdin is the polite stop (--exit-on-stdin-eof); kill only if it does not end in time.
            try { $Process.StandardInput.Close() } catch { }
            if (-not $Process.WaitForExit($GraceMilliseconds)) {
                $Process.Kill($true)
                [void]$Process.WaitForExit(5000)
            }
        }
    }
    finally { $Process.Dispose() }
}

function Stop-AckSandbox {
    # Stops a sandbox from Start-AckSandbox; safe to call twice or with $null (a BeforeAll that failed early).
    [CmdletBinding()]
    param([Parameter(Position = 0)] $Sandbox, [int] $GraceMilliseconds = 5000)
    if (-not $Sandbox -or -not $Sandbox.Process) { return }
    $p = $Sandbox.Process
    $Sandbox.Process = $null
    Stop-SandboxProcess $p $GraceMilliseconds
}

function New-AckSandboxCredential {
    # The admin key as the PSCredential Connect-AckAccount takes (user name = AccessKeyId).
    [CmdletBinding()]
    [OutputType([pscredential])]
    param([Parameter(Mandatory, Position = 0)] $Sandbox)
    # Built by hand rather than with ConvertTo-SecureString: the test process may run without module autoloading.
    $secret = [securestring]::new()
    foreach ($c in $Sandbox.AdminSecret.ToCharArray()) { $secret.AppendChar($c) }
    $secret.MakeReadOnly()
    [pscredential]::new($Sandbox.AdminKeyId, $secret)
}

function Connect-AckSandbox {
    # Connect-AckAccount with the admin key, the scenario's region and the sandbox endpoints.
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] $Sandbox, [string] $Region = $Sandbox.Region)
    Connect-AckAccount -Credential (New-AckSandboxCredential $Sandbox) -Region $Region -Endpoint $Sandbox.Endpoints -ErrorAction Stop
}

function Get-AckSandboxConnectCommand {
    # A ready-to-paste Import-Module + Connect-AckAccount line for a running sandbox (build.ps1 sandbox).
    param([Parameter(Mandatory)] $Sandbox, [Parameter(Mandatory)][string] $ModulePath)
    $ep = ($script:ServiceNames | ForEach-Object { "$_ = '$($Sandbox.Endpoints[$_])'" }) -join '; '
    "Import-Module '$ModulePath'`n" +
    "Connect-AckAccount -Credential ([pscredential]::new('$($Sandbox.AdminKeyId)', (ConvertTo-SecureString '$($Sandbox.AdminSecret)' -AsPlainText -Force))) -Region $($Sandbox.Region) -Endpoint @{ $ep }"
}

function Invoke-SandboxControl([Parameter(Mandatory)] $Sandbox, [string] $Method, [string] $Path, $Body) {
    if (-not $Sandbox.Control) { throw 'The sandbox has no control endpoint.' }
    $uri = [Uri]::new([Uri]$Sandbox.Control, "_sandbox/$Path")
    if ($uri.Host -ne '127.0.0.1') { throw "Refusing to call '$uri': the control API is on 127.0.0.1 only." }
    $params = @{ Uri = $uri; Method = $Method; NoProxy = $true; ErrorAction = 'Stop' }
    if ($PSBoundParameters.ContainsKey('Body')) {
        $params.Body = ConvertTo-Json -InputObject $Body -Depth 6 -Compress
        $params.ContentType = 'application/json'
    }
    Invoke-RestMethod @params
}

function Get-AckSandboxRequest {
    # The sandbox's request log (seq, service, action, method, path, status, isWrite, time), oldest first.
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] $Sandbox, [string] $Service, [string] $Action)
    $log = Invoke-SandboxControl $Sandbox GET 'requests'
    if ($log -and $log.PSObject.Properties['requests']) { $log = $log.requests }
    $log | Where-Object {
        $_ -and (-not $Service -or $_.service -eq $Service) -and (-not $Action -or $_.action -eq $Action)
    }
}

function Clear-AckSandboxRequest {
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] $Sandbox)
    $null = Invoke-SandboxControl $Sandbox DELETE 'requests'
}

function Add-AckSandboxFault {
    # e.g. Add-AckSandboxFault $sbx @{ service = 'Ram'; action = 'GetRole'; kind = 'throttle'; count = 2 }
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] $Sandbox, [Parameter(Mandatory, Position = 1)][hashtable] $Fault)
    $null = Invoke-SandboxControl $Sandbox POST 'faults' $Fault
}

function Clear-AckSandboxFault {
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] $Sandbox)
    $null = Invoke-SandboxControl $Sandbox DELETE 'faults'
}

function Reset-AckSandbox {
    # Reloads the scenario: every change made by earlier tests is gone.
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] $Sandbox)
    $null = Invoke-SandboxControl $Sandbox POST 'reset'
}

function Step-AckSandboxClock {
    # Advances the sandbox's simulated clock (tasks, rollouts).
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] $Sandbox, [Parameter(Mandatory)][ValidateRange(1, [int]::MaxValue)][int] $Seconds)
    $null = Invoke-SandboxControl $Sandbox POST 'clock' @{ advanceSeconds = $Seconds }
}

function Get-AckSandboxStsSession {
    # The STS credentials the sandbox issued since its last reset, secrets included, so a test can prove that none
    # of them reached a stream, a file or an error.
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] $Sandbox)
    Invoke-SandboxControl $Sandbox GET 'sts-sessions' | Where-Object { $_ }
}

Export-ModuleMember -Function Import-AckModuleUnderTest, Start-AckSandbox, Stop-AckSandbox, Connect-AckSandbox,
    New-AckSandboxCredential, Get-AckSandboxConnectCommand, Get-AckSandboxRequest, Clear-AckSandboxRequest,
    Add-AckSandboxFault, Clear-AckSandboxFault, Reset-AckSandbox, Step-AckSandboxClock, Get-AckSandboxStsSession
