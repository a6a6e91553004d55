import tool._impl
