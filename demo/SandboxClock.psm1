# Demo helper (a module, so the demo runner does not run it as a step). Upgrade tasks and rollouts take minutes of
# simulated time in the sandbox, as they do in a real cluster; while a block runs, this makes the sandbox's clock run
# fast (a background runspace advances it a few seconds at a time) so the demo shows the real waiting logic in seconds.
# Without a sandbox (a real account) the block simply runs.
Set-StrictMode -Version 3.0

function Invoke-WithFastSandboxClock {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)][scriptblock] $ScriptBlock,
        # The running sandbox ($AckSandbox in the demo runner); nothing is accelerated when it is null.
        $Sandbox,
        [ValidateRange(1, 60)][int] $SecondsPerTick = 5,
        [ValidateRange(50, 5000)][int] $TickMilliseconds = 200
    )
    if (-not $Sandbox) { return & $ScriptBlock }
    $uri = [Uri]::new([Uri]$Sandbox.Control, '_sandbox/clock')
    if ($uri.Host -ne '127.0.0.1') { throw "Refusing to drive '$uri': the control API is on 127.0.0.1 only." }

    $stop = [System.Threading.ManualResetEventSlim]::new($false)
    $driver = [powershell]::Create()
    $null = $driver.AddScript({
            param([Uri] $Uri, [int] $Step, [int] $Ms, [System.Threading.ManualResetEventSlim] $Stop)
            $handler = [System.Net.Http.HttpClientHandler]::new()
            $handler.UseProxy = $false
            $http = [System.Net.Http.HttpClient]::new($handler)
            try {
                while (-not $Stop.IsSet) {
                    $body = [System.Net.Http.StringContent]::new("{`"advanceSeconds`":$Step}", [Text.Encoding]::UTF8, 'application/json')
                    try { $null = $http.PostAsync($Uri, $body).GetAwaiter().GetResult() } catch { }
                    $null = $Stop.Wait($Ms)
                }
            }
            finally { $http.Dispose() }
        }).AddArgument($uri).AddArgument($SecondsPerTick).AddArgument($TickMilliseconds).AddArgument($stop)
    $running = $driver.BeginInvoke()
    try {
        & $ScriptBlock
    }
    finally {
        $stop.Set()
        $null = $running.AsyncWaitHandle.WaitOne(5000)
        $driver.Dispose()
        $stop.Dispose()
    }
}

Export-ModuleMember -Function Invoke-WithFastSandboxClock
