# Step 1, assess: which ACK managed clusters are there, which policies does each worker role carry, and which
# actions do those policies grant?

Write-Host 'Clusters in the account (dedicated clusters are skipped with a warning):'
$clusters = @(Get-AckCluster)
$clusters

Write-Host 'Policies attached to each worker role:'
$policies = @($clusters | Get-AckWorkerRolePolicy)
$policies

Write-Host 'Actions those policies grant:'
$actions = @($policies | Get-AckPolicyAction)
$actions

Write-Host 'Actions per cluster:'
$actions | Group-Object ClusterId -NoElement | Sort-Object Count -Descending
