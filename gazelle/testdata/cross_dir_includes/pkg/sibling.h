int sibling(void);
