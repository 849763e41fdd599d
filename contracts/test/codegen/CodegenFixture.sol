// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title CodegenFixture
/// @notice Exercises every ABI shape rwa-codegen must bind: overloads, nested structs, tuple and fixed arrays,
/// small and signed integers, indexed dynamic and anonymous events, custom errors with and without arguments,
/// names that are C# keywords, unnamed parameters, name clashes, payable and view functions, and every kind of
/// revert (custom error, `Error(string)`, `Panic(uint256)`, empty). Not deployed anywhere: test input only.
contract CodegenFixture {
    /*//////////////////////////////////////////////////////////////
                                 TYPES
    //////////////////////////////////////////////////////////////*/

    /// @notice Which kind of revert `fail` produces.
    enum FailureKind {
        /// @notice A custom error with arguments.
        CustomWithArgs,
        /// @notice A custom error without arguments.
        CustomWithoutArgs,
        /// @notice `require` with a reason string.
        RequireString,
        /// @notice A panic (array index out of bounds).
        Panic,
        /// @notice A bare `revert()`.
        Empty
    }

    /// @notice A small static struct (nested in `Outer`).
    struct Inner {
        uint64 amount;
        bytes32 tag;
        int8 delta;
    }

    /// @notice A dynamic struct nesting `Inner` alone, in a dynamic array and in a fixed array.
    struct Outer {
        Inner inner;
        Inner[] items;
        Inner[2] pair;
        uint256[2][] grid;
        string[] labels;
        bytes blob;
    }

    /// @notice Field names that are C# keywords.
    struct Keywords {
        uint256 params;
        bool object;
        address base;
        string namespace;
    }

    /*//////////////////////////////////////////////////////////////
                                 EVENTS
    //////////////////////////////////////////////////////////////*/

    /// @notice Indexed dynamic types: the topics carry keccak256 hashes, not the values.
    event Labelled(string indexed label, bytes indexed blob, uint256[] indexed ids, Inner inner);
    /// @notice An anonymous event: no signature topic.
    event Raw(address indexed who, uint256 amount) anonymous;
    /// @notice Overloaded events.
    event Ping(uint256 seq);
    /// @notice Overloaded events.
    event Ping(uint256 seq, address indexed from);
    /// @notice Indexed value types after a non-indexed one, plus an unnamed field.
    event Deposited(uint256 amount, address indexed to, bytes32 indexed tag, uint256);
    /// @notice Clashes (case only) with the function `clash` and the error `CLASH`.
    event Clash(uint256 value);
    /// @notice A struct argument with keyword-named fields.
    event KeywordsSet(Keywords params);

    /*//////////////////////////////////////////////////////////////
                                 ERRORS
    //////////////////////////////////////////////////////////////*/

    /// @notice Thrown with arguments by `fail(CustomWithArgs)`.
    error Fixture_Failed(uint256 code, address who, string reason);
    /// @notice Thrown without arguments by `fail(CustomWithoutArgs)`.
    error Fixture_NoArgs();
    /// @notice An error carrying a struct and an unnamed argument.
    error Fixture_BadInner(Inner inner, uint256);
    /// @notice Clashes (case only) with the function `clash` and the event `Clash`.
    error CLASH(uint256 value);

    /*//////////////////////////////////////////////////////////////
                                 STORAGE
    //////////////////////////////////////////////////////////////*/

    string private _name;
    address private _owner;
    uint256 private _total;
    Outer private _outer;

    constructor(string memory name_, address owner_, uint16 feeBps) payable {
        _name = name_;
        _owner = owner_;
        _total = msg.value + feeBps;
    }

    /*//////////////////////////////////////////////////////////////
                               OVERLOADS
    //////////////////////////////////////////////////////////////*/

    /// @notice Fewest parameters: keeps the plain name `Deposit`.
    function deposit(uint256 amount) external payable returns (uint256) {
        _total += amount;
        emit Deposited(amount, msg.sender, bytes32(0), 0);
        return _total;
    }

    /// @notice Overload: named by its parameter types.
    function deposit(uint256 amount, address to) external returns (uint256) {
        _total += amount;
        emit Deposited(amount, to, bytes32(0), 1);
        return _total;
    }

    /// @notice Overload: named by its parameter types.
    function deposit(address to, uint256 amount, bytes calldata data) external returns (uint256) {
        _total += amount;
        emit Deposited(amount, to, keccak256(data), 2);
        return _total;
    }

    /// @notice Same parameter count as the other `lookup`: both get type suffixes.
    function lookup(uint256 id) external pure returns (bytes32) {
        return bytes32(id);
    }

    /// @notice Same parameter count as the other `lookup`: both get type suffixes.
    function lookup(bytes32 key) external pure returns (uint256) {
        return uint256(key);
    }

    /*//////////////////////////////////////////////////////////////
                          STRUCTS AND ARRAYS
    //////////////////////////////////////////////////////////////*/

    /// @notice Stores a nested struct (tuple with tuple arrays, fixed arrays and `uint256[2][]`).
    function setOuter(Outer calldata value) external {
        delete _outer;
        _outer.inner = value.inner;
        for (uint256 i; i < value.items.length; ++i) {
            _outer.items.push(value.items[i]);
        }
        _outer.pair[0] = value.pair[0];
        _outer.pair[1] = value.pair[1];
        for (uint256 i; i < value.grid.length; ++i) {
            _outer.grid.push(value.grid[i]);
        }
        for (uint256 i; i < value.labels.length; ++i) {
            _outer.labels.push(value.labels[i]);
        }
        _outer.blob = value.blob;
    }

    /// @notice Returns the stored struct (a struct return).
    function outer() external view returns (Outer memory) {
        return _outer;
    }

    /// @notice EIP-712 `hashStruct` of an `Inner`, written out by hand as a contract would.
    function hashInner(Inner calldata value) public pure returns (bytes32) {
        return keccak256(
            abi.encode(keccak256("Inner(uint64 amount,bytes32 tag,int8 delta)"), value.amount, value.tag, value.delta)
        );
    }

    /// @notice EIP-712 `hashStruct` of an `Outer`: nested struct, struct arrays, a fixed array, an array of arrays,
    /// strings and bytes, encoded by hand per EIP-712.
    function hashOuter(Outer calldata value) external pure returns (bytes32) {
        bytes32[] memory items = new bytes32[](value.items.length);
        for (uint256 i; i < items.length; ++i) {
            items[i] = hashInner(value.items[i]);
        }
        bytes32[] memory grid = new bytes32[](value.grid.length);
        for (uint256 i; i < grid.length; ++i) {
            grid[i] = keccak256(abi.encodePacked(value.grid[i]));
        }
        bytes32[] memory labels = new bytes32[](value.labels.length);
        for (uint256 i; i < labels.length; ++i) {
            labels[i] = keccak256(bytes(value.labels[i]));
        }
        return keccak256(
            abi.encode(
                keccak256(
                    "Outer(Inner inner,Inner[] items,Inner[2] pair,uint256[2][] grid,string[] labels,bytes blob)Inner(uint64 amount,bytes32 tag,int8 delta)"
                ),
                hashInner(value.inner),
                keccak256(abi.encodePacked(items)),
                keccak256(abi.encodePacked(hashInner(value.pair[0]), hashInner(value.pair[1]))),
                keccak256(abi.encodePacked(grid)),
                keccak256(abi.encodePacked(labels)),
                keccak256(value.blob)
            )
        );
    }

    /// @notice Takes an array of tuples and a fixed array of tuples; returns the sum of amounts.
    function sumInners(Inner[] calldata items, Inner[2] calldata pair) external pure returns (uint256 total) {
        for (uint256 i; i < items.length; ++i) {
            total += items[i].amount;
        }
        total += pair[0].amount + pair[1].amount;
    }

    /// @notice `uint256[2][]` in and out.
    function transpose(uint256[2][] calldata grid) external pure returns (uint256[2][] memory swapped) {
        swapped = new uint256[2][](grid.length);
        for (uint256 i; i < grid.length; ++i) {
            swapped[i] = [grid[i][1], grid[i][0]];
        }
    }

    /// @notice Small signed integers.
    function negate(int8 x) external pure returns (int8) {
        return -x;
    }

    /// @notice `bytes32[]`, `bytes`, `string[]` and multiple named returns.
    function describe(bytes32[] calldata tags, bytes calldata blob, string[] calldata labels)
        external
        pure
        returns (uint256 tagCount, uint256 blobLength, string memory first)
    {
        tagCount = tags.length;
        blobLength = blob.length;
        first = labels.length > 0 ? labels[0] : "";
    }

    /// @notice Returns an array of structs.
    function inners(uint256 count) external pure returns (Inner[] memory result) {
        result = new Inner[](count);
        for (uint256 i; i < count; ++i) {
            result[i] = Inner({amount: uint64(i), tag: bytes32(i), delta: -1});
        }
    }

    /*//////////////////////////////////////////////////////////////
                          NAMES AND PARAMETERS
    //////////////////////////////////////////////////////////////*/

    /// @notice Parameter names that are C# keywords.
    function keywords(uint256 params, bool object, address base, string calldata namespace)
        external
        returns (Keywords memory)
    {
        Keywords memory k = Keywords({params: params, object: object, base: base, namespace: namespace});
        emit KeywordsSet(k);
        return k;
    }

    /// @notice Unnamed parameters and returns.
    function unnamed(uint256, bool flag) external pure returns (uint256, bool) {
        return (7, !flag);
    }

    /// @notice A leading underscore and a parameter named like a Nethereum transaction field.
    function _bump(uint256 nonce, uint256 gas) external pure returns (uint256) {
        return nonce + gas;
    }

    /// @notice Clashes (case only) with the event `Clash` and the error `CLASH`.
    function clash(uint256 value) external pure returns (uint256) {
        return value;
    }

    /// @notice Same C# name as `fooBar` once PascalCased.
    function foo_bar() external pure returns (uint256) {
        return 1;
    }

    /// @notice Same C# name as `foo_bar` once PascalCased.
    function fooBar() external pure returns (uint256) {
        return 2;
    }

    /*//////////////////////////////////////////////////////////////
                            STATE AND EVENTS
    //////////////////////////////////////////////////////////////*/

    /// @notice A view of the constructor arguments.
    function info() external view returns (string memory name, address owner, uint256 total) {
        return (_name, _owner, _total);
    }

    /// @notice Emits every event once.
    function emitAll(string calldata label, bytes calldata blob, uint256[] calldata ids) external {
        Inner memory inner = Inner({amount: 1, tag: keccak256(blob), delta: -2});
        emit Labelled(label, blob, ids, inner);
        emit Raw(msg.sender, ids.length);
        emit Ping(1);
        emit Ping(2, msg.sender);
        emit Clash(3);
    }

    /*//////////////////////////////////////////////////////////////
                                REVERTS
    //////////////////////////////////////////////////////////////*/

    /// @notice Reverts with the kind of failure asked for.
    function fail(FailureKind kind, uint256 code) external view {
        if (kind == FailureKind.CustomWithArgs) revert Fixture_Failed(code, msg.sender, "custom");
        if (kind == FailureKind.CustomWithoutArgs) revert Fixture_NoArgs();
        require(kind != FailureKind.RequireString, "CodegenFixture: require failed");
        if (kind == FailureKind.Panic) {
            uint256[] memory empty = new uint256[](0);
            empty[code] = 1;
        }
        revert();
    }

    /// @notice A state-changing function that reverts like `fail`, so that the send path (gas estimation) reverts too.
    function failAndWrite(FailureKind kind, uint256 code) external {
        _total += code;
        this.fail(kind, code);
    }

    /// @notice Reverts with a struct-carrying custom error.
    function failInner(uint64 amount) external pure {
        revert Fixture_BadInner(Inner({amount: amount, tag: bytes32(uint256(amount)), delta: -3}), amount);
    }

    /// @notice Reverts with the error that clashes with a function and an event.
    function failClash(uint256 value) external pure {
        revert CLASH(value);
    }
}
