<#
.SYNOPSIS
    The plain PowerShell way to count a role's ActionTrail calls from OSS-delivered files, for timing beside the
    module's analysis (bench/activity). Decompresses each file, ConvertFrom-Json, filters, Group-Object.
.EXAMPLE
    ./plain.ps1 -Path /tmp/ack-activity-bench -RoleName KubernetesWorkerRole-4a9e2f1c-7b3d-4e8a-9c6f-1d2e3f4a5b6c
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $Path,
    [Parameter(Mandatory)] [string] $RoleName
)
$ErrorActionPreference = 'Stop'
$watch = [Diagnostics.Stopwatch]::StartNew()
$prefix = "${RoleName}:*"

$read = 0
$groups = Get-ChildItem -LiteralPath $Path -Recurse -File |
    ForEach-Object {
        # Get-Content cannot read gzip; this is the usual stand-in.
        $stream = [IO.File]::OpenRead($_.FullName)
        if ($_.Name -like '*.gz') { $stream = [IO.Compression.GZipStream]::new($stream, [IO.Compression.CompressionMode]::Decompress) }
        $reader = [IO.StreamReader]::new($stream)
        try { $text = $reader.ReadToEnd() } finally { $reader.Dispose() }
        $text | ConvertFrom-Json
    } |
    ForEach-Object { $read++; $_ } |
    Where-Object { $_.eventType -eq 'ApiCall' -and $_.userIdentity.userName -like $prefix } |
    Group-Object -Property serviceName, eventName -NoElement

$watch.Stop()
$groups | Sort-Object Count -Descending | Select-Object Count, Name | Format-Table -AutoSize | Out-String | Write-Host
Write-Host ("plain PowerShell: {0:N0} events read, {1} actions, {2:F1} s, {3:N0} events/s" -f $read, $groups.Count, $watch.Elapsed.TotalSeconds, ($read / $watch.Elapsed.TotalSeconds))
