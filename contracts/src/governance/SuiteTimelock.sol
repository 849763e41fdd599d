// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

/// @title SuiteTimelock
/// @notice OpenZeppelin's TimelockController, unchanged, compiled with the suite so that `rwa deploy` can deploy it
/// (and the code generator bind it) when `deploy.json` asks for a timelocked admin. Proposers schedule calls,
/// executors run them after `minDelay`; the suite's contracts then accept it as their default admin.
contract SuiteTimelock is TimelockController {
    /// @param minDelay Seconds between scheduling and executing an operation.
    /// @param proposers Accounts that schedule (and cancel) operations, typically the issuer's multisig.
    /// @param executors Accounts that execute ready operations (the zero address lets anyone execute).
    /// @param admin Optional account that may reconfigure the timelock's roles; zero leaves the timelock
    /// self-administered (OpenZeppelin's recommendation for production).
    constructor(uint256 minDelay, address[] memory proposers, address[] memory executors, address admin)
        TimelockController(minDelay, proposers, executors, admin)
    {}
}
