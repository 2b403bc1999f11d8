# End of the walk: forget the session (and the kubeconfigs fetched for it). Another command would now use the
# default credential chain, or fail with AckNoCredentials naming every source it tried.
[CmdletBinding()]
param()
$ErrorActionPreference = 'Stop'

Write-Host "`n== Disconnect-AckAccount -PassThru" -ForegroundColor Cyan
Disconnect-AckAccount -PassThru | Format-Table -AutoSize | Out-Host
