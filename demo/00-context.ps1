# Who the module acts as. build.ps1 demo has connected to the sandbox with its admin key; Connect-AckAccount asked
# STS who that key is, so the context shows the account and ARN (the key id masked, never the secret).
[CmdletBinding()]
param()
$ErrorActionPreference = 'Stop'

Write-Host "`n== The session (Get-AckContext)" -ForegroundColor Cyan
Get-AckContext | Format-List | Out-Host
